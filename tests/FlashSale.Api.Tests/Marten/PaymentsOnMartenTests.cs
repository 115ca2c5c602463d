using FlashSale.Api.Tests.EventStores;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Marten;

[Collection(PostgresCollection.Name)]
public sealed class PaymentsOnMartenTests(PostgresServer server) : PaymentsOnStoreTests
{
    protected override async Task<StoreApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var api = await MartenApi.StartAsync(server, nameof(PaymentsOnMartenTests), settings);
        return new StoreApi(api, api);
    }
}

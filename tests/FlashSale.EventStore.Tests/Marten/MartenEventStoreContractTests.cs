using FlashSale.EventStore.Tests.Contract;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.EventStore.Tests.Marten;

[Collection(PostgresCollection.Name)]
public sealed class MartenEventStoreContractTests(PostgresServer server) : EventStoreContract
{
    protected override async Task<IEventStore> CreateStoreAsync() =>
        await MartenStores.OpenAsync(server, nameof(MartenEventStoreContractTests));
}

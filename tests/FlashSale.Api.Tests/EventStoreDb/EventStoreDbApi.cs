using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.Api.Tests.EventStoreDb;

/// <summary>The whole API with EventStore:Provider = EventStoreDb, speaking gRPC to a loopback EventStoreDB double.</summary>
public sealed class EventStoreDbApi : IAsyncDisposable
{
    private EventStoreDbApi(EventStoreDbDouble server, FlashSaleApiFactory api)
    {
        Server = server;
        Api = api;
    }

    public EventStoreDbDouble Server { get; }

    public FlashSaleApiFactory Api { get; }

    public static async Task<EventStoreDbApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var server = await EventStoreDbDouble.StartAsync();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = server.ConnectionString,
        };
        return new EventStoreDbApi(server, new FlashSaleApiFactory(all));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Server.DisposeAsync();
    }
}

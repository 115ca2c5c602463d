using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using Microsoft.Extensions.Logging;

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

    /// <param name="logs">Also receives the API's log lines (warnings and above).</param>
    public static async Task<EventStoreDbApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var server = await EventStoreDbDouble.StartAsync();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = server.ConnectionString,
        };
        return new EventStoreDbApi(server, new FlashSaleApiFactory(all) { Logs = logs });
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Server.DisposeAsync();
    }
}

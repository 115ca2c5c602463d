using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.EventStore.Tests.Contract;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>The shared contract suite through the adapter against the loopback EventStoreDB double.</summary>
public sealed class EventStoreDbDoubleContractTests : EventStoreContract
{
    private EventStoreDbDouble _server = null!;

    protected override async Task<IEventStore> CreateStoreAsync()
    {
        _server = await EventStoreDbDouble.StartAsync();
        return EventStoreDbEventStore.Connect(_server.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}

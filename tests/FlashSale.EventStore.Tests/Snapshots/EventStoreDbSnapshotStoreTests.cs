using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>The snapshot contract on EventStoreDB (the loopback double): snapshot streams beside the item streams.</summary>
public sealed partial class EventStoreDbSnapshotStoreTests : SnapshotStoreContract
{
    private EventStoreDbDouble _server = null!;

    private EventStoreDbEventStore Store => (EventStoreDbEventStore)Events;

    protected override async Task<(ISnapshotStore Snapshots, IEventStore Events)> CreateStoresAsync()
    {
        _server = await EventStoreDbDouble.StartAsync();
        var events = EventStoreDbEventStore.Connect(_server.ConnectionString);
        return (new EventStoreDbSnapshotStore(events), events);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}

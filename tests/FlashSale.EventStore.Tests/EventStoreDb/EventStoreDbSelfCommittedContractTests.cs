using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.EventStore.Tests.Contract;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>The shared contract suite against the double placing events as servers with the gRPC API do (each event
/// commits itself), where the adapter takes the last event's position from the append's answer.</summary>
public sealed class EventStoreDbSelfCommittedContractTests : EventStoreContract
{
    private EventStoreDbDouble _server = null!;

    protected override async Task<IEventStore> CreateStoreAsync()
    {
        _server = await EventStoreDbDouble.StartAsync(DoublePositions.SelfCommitted);
        return EventStoreDbEventStore.Connect(_server.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}

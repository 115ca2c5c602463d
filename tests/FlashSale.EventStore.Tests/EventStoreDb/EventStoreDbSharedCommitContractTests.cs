using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.EventStore.Tests.Contract;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>The shared contract suite against the double placing one append's events at one commit position (explicit
/// transactions of older servers), where the adapter must read every position back; the default double places them as
/// 23.10 does.</summary>
public sealed class EventStoreDbSharedCommitContractTests : EventStoreContract
{
    private EventStoreDbDouble _server = null!;

    protected override async Task<IEventStore> CreateStoreAsync()
    {
        _server = await EventStoreDbDouble.StartAsync(DoublePositions.SharedCommit);
        return EventStoreDbEventStore.Connect(_server.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}

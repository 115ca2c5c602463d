using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.EventStore.Tests.Contract;

namespace FlashSale.EventStore.Tests.EventStoreDb;

// Against a server without BatchAppend (before 21.10: UNIMPLEMENTED) appends go over Append: the same errors, the same
// leader handling, the same contract.

public sealed class ErrorOverAppendTests : ErrorTests
{
    protected override bool SupportsBatchAppend => false;
}

public sealed class ServerStatusOverAppendTests : ServerStatusTests
{
    protected override bool SupportsBatchAppend => false;
}

public sealed class LeaderOverAppendTests : LeaderTests
{
    protected override bool SupportsBatchAppend => false;
}

public sealed class EventStoreDbOverAppendContractTests : EventStoreContract
{
    private EventStoreDbDouble _server = null!;

    protected override async Task<IEventStore> CreateStoreAsync()
    {
        _server = await EventStoreDbDouble.StartAsync();
        _server.SupportsBatchAppend = false;
        return EventStoreDbEventStore.Connect(_server.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}

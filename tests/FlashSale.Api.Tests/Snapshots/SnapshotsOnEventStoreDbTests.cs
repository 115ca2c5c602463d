using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.Api.Tests.Snapshots;

/// <summary>With EventStore:Provider = EventStoreDb, a restarted process loads items from their snapshot streams.</summary>
public sealed class SnapshotsOnEventStoreDbTests : IAsyncLifetime
{
    private EventStoreDbDouble _server = null!;

    private Dictionary<string, string?> Settings => new()
    {
        ["EventStore:Provider"] = "EventStoreDb",
        ["EventStore:ConnectionString"] = _server.ConnectionString,
    };

    public async Task InitializeAsync() => _server = await EventStoreDbDouble.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task a_restarted_process_loads_the_item_from_its_snapshot_and_answers_as_a_full_replay_does()
    {
        var sale = new SnapshotRestarts(Settings);
        var first = await sale.SellAsync();

        var (fromSnapshot, load) = await sale.RepeatAsync();
        var (replayed, replay) = await sale.RepeatAsync(snapshotEvery: 0);

        load.WhyNoSnapshot.ShouldBeNull();
        load.SnapshotRevision.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(SnapshotRestarts.Every * 4);
        load.EventsFolded.ShouldBeLessThan(SnapshotRestarts.Every * 2);
        replay.SnapshotRevision.ShouldBeNull();
        SnapshotRestarts.ShouldAnswerAlike(fromSnapshot, first);
        SnapshotRestarts.ShouldAnswerAlike(replayed, first);
    }

    [Theory]
    [InlineData("stale", "another event")]
    [InlineData("corrupt", "cannot be read")]
    public async Task a_stale_or_damaged_snapshot_is_not_used_the_stream_is_replayed_and_answers_do_not_change(string damage, string why)
    {
        var sale = new SnapshotRestarts(Settings);
        var first = await sale.SellAsync();
        await using (var snapshots = EventStoreDbSnapshotStore.Connect(_server.ConnectionString))
            await SnapshotRestarts.DamageAsync(snapshots, sale.StreamId, damage);

        var (answers, load) = await sale.RepeatAsync();

        load.SnapshotRevision.ShouldBeNull();
        load.WhyNoSnapshot.ShouldNotBeNull().ShouldContain(why);
        SnapshotRestarts.ShouldAnswerAlike(answers, first);
    }
}

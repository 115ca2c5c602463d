using FlashSale.Api.Tests.Marten;
using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Snapshots;

/// <summary>With EventStore:Provider = PostgreSql, a restarted process loads items from the snapshot tables.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SnapshotsOnMartenTests(PostgresServer server)
{
    [Fact]
    public async Task a_restarted_process_loads_the_item_from_its_snapshot_and_answers_as_a_full_replay_does_on_postgresql()
    {
        var sale = new SnapshotRestarts(await MartenApi.SettingsAsync(server, nameof(SnapshotsOnMartenTests)));
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
    public async Task a_stale_or_damaged_snapshot_is_not_used_the_stream_is_replayed_and_answers_do_not_change_on_postgresql(
        string damage, string why)
    {
        var settings = await MartenApi.SettingsAsync(server, nameof(SnapshotsOnMartenTests));
        var sale = new SnapshotRestarts(settings);
        var first = await sale.SellAsync();
        await using (var snapshots = await MartenSnapshotStore.OpenAsync(
            new MartenEventStoreSettings(settings["EventStore:ConnectionString"]!, settings["EventStore:Schema"]!)))
            await SnapshotRestarts.DamageAsync(snapshots, sale.StreamId, damage);

        var (answers, load) = await sale.RepeatAsync();

        load.SnapshotRevision.ShouldBeNull();
        load.WhyNoSnapshot.ShouldNotBeNull().ShouldContain(why);
        SnapshotRestarts.ShouldAnswerAlike(answers, first);
    }
}

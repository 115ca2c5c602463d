namespace FlashSale.Api.Tests.Snapshots;

/// <summary>What item snapshots do for a restarted process, the same on every store that keeps them (ADR 0018, 0021).</summary>
public abstract class SnapshotsOnStoreTests
{
    /// <summary>Settings that put an API on the store; a fresh store (or schema) each call.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> SettingsAsync();

    /// <summary>Rewrites the stored snapshot of <paramref name="streamId"/> (<see cref="SnapshotRestarts.DamageAsync"/>) through
    /// the store's own snapshot store, as another process would.</summary>
    protected abstract Task DamageAsync(IReadOnlyDictionary<string, string?> settings, string streamId, string damage);

    [Fact]
    public async Task a_restarted_process_loads_the_item_from_its_snapshot_and_answers_as_a_full_replay_does()
    {
        var sale = new SnapshotRestarts(await SettingsAsync());
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
        var settings = await SettingsAsync();
        var sale = new SnapshotRestarts(settings);
        var first = await sale.SellAsync();
        await DamageAsync(settings, sale.StreamId, damage);

        var (answers, load) = await sale.RepeatAsync();

        load.SnapshotRevision.ShouldBeNull();
        load.WhyNoSnapshot.ShouldNotBeNull().ShouldContain(why);
        SnapshotRestarts.ShouldAnswerAlike(answers, first);
    }
}

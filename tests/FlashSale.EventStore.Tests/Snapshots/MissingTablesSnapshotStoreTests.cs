using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.EventStore.Snapshots;
using FlashSale.EventStore.Tests.Marten;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>
/// A process that may not create the snapshot tables and found them missing (ADR 0021, 0032): it neither reads nor writes
/// snapshots, looks for the tables at most once per interval, and uses them from the first look that finds them, without
/// a restart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MissingTablesSnapshotStoreTests(PostgresServer server)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task tables_created_later_are_used_from_the_first_look_after_the_interval_and_announced_once()
    {
        var settings = await MartenStores.NewSchemaAsync(server, nameof(MissingTablesSnapshotStoreTests)) with { CreateSchema = false };
        var clock = new ManualClock();
        var found = 0;
        await using var store = new MissingTablesSnapshotStore(await MartenSnapshotStore.OpenAsync(settings), clock, Recheck,
            () => Interlocked.Increment(ref found));

        (await store.WriteAsync(Replacing("item-a", 10))).ShouldBe(SnapshotWriteResult.Superseded, "not taken while the tables are missing");
        (await store.ReadAsync("item-a")).ShouldBeNull();

        await using (var creator = await MartenSnapshotStore.OpenAsync(settings with { CreateSchema = true })) { }
        clock.Advance(Recheck - TimeSpan.FromSeconds(1));
        (await store.WriteAsync(Replacing("item-a", 11))).ShouldBe(SnapshotWriteResult.Superseded, "no look before the interval");
        found.ShouldBe(0);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await store.WriteAsync(Replacing("item-a", 12))).ShouldBe(SnapshotWriteResult.Written);
        (await store.ReadAsync("item-a")).ShouldNotBeNull().Revision.ShouldBe(12);
        (await store.WriteAsync(Replacing("item-a", 13))).ShouldBe(SnapshotWriteResult.Written);
        found.ShouldBe(1);
        store.TablesFound.ShouldBeTrue();
    }

    [Fact]
    public async Task a_look_that_finds_the_tables_still_missing_waits_another_interval()
    {
        var settings = await MartenStores.NewSchemaAsync(server, nameof(MissingTablesSnapshotStoreTests)) with { CreateSchema = false };
        var clock = new ManualClock();
        var found = 0;
        await using var store = new MissingTablesSnapshotStore(await MartenSnapshotStore.OpenAsync(settings), clock, Recheck,
            () => Interlocked.Increment(ref found));

        clock.Advance(Recheck);
        (await store.ReadAsync("item-b")).ShouldBeNull("looked: still missing");
        await using (var creator = await MartenSnapshotStore.OpenAsync(settings with { CreateSchema = true })) { }
        clock.Advance(Recheck - TimeSpan.FromSeconds(1));
        (await store.WriteAsync(Replacing("item-b", 5))).ShouldBe(SnapshotWriteResult.Superseded);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await store.WriteAsync(Replacing("item-b", 6))).ShouldBe(SnapshotWriteResult.Written);
        found.ShouldBe(1);
    }

    private static SnapshotWrite Replacing(string stream, long revision) =>
        new(stream, revision, Guid.NewGuid(), "test.1", new byte[] { 1, 2, 3 }, [new SnapshotEntry("o:0", new byte[] { 4 })], BasedOn: null);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

using System.Text;
using FlashSale.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Tests.Sqlite;

/// <summary>
/// The log's WAL is copied into the database file by a checkpointer of its own, not by the connection that commits
/// (ADR 0039). What reaches the database file is seen from its size: the WAL holds the rest until a checkpoint.
/// </summary>
public sealed class WalCheckpointTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flashsale-walcheckpoint-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_directory, "events.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task the_committing_connection_leaves_the_checkpoint_to_the_checkpointer_even_past_sqlites_automatic_threshold()
    {
        await using var store = await SqliteEventStore.OpenAsync(DatabasePath, new SqliteEventStoreOptions { CheckpointAfterPages = 500 });
        var checkpointer = store.Checkpointer.ShouldNotBeNull();
        var before = new FileInfo(DatabasePath).Length;

        checkpointer.Pause();
        // ~1,400 pages (an event a page): past SQLite's automatic checkpoint (1,000), short of the commit path's own bound (4 x 500).
        var appended = await AppendAsync(store, appends: 40, eventsEach: 32, bytesEach: 3_500);
        new FileInfo(DatabasePath).Length.ShouldBe(before);
        checkpointer.Resume();
        await UntilAsync(() => checkpointer.Checkpoints > 0);

        checkpointer.FellBehind.ShouldBe(0);
        new FileInfo(DatabasePath).Length.ShouldBeGreaterThan(appended);
        (await store.ReadAllAsync(null, int.MaxValue).CountAsync()).ShouldBe(40 * 32);
    }

    [Fact]
    public async Task a_checkpointer_that_falls_behind_leaves_the_commit_path_to_bound_the_wal()
    {
        await using var store = await SqliteEventStore.OpenAsync(DatabasePath, new SqliteEventStoreOptions { CheckpointAfterPages = 16 });
        var checkpointer = store.Checkpointer.ShouldNotBeNull();
        var before = new FileInfo(DatabasePath).Length;

        checkpointer.Pause();
        await AppendAsync(store, appends: 40, eventsEach: 2, bytesEach: 3_500);

        checkpointer.FellBehind.ShouldBeGreaterThan(0);
        checkpointer.Checkpoints.ShouldBe(0);
        new FileInfo(DatabasePath).Length.ShouldBeGreaterThan(before);
        checkpointer.Resume();
    }

    [Fact]
    public async Task the_wal_starts_over_while_appends_keep_coming()
    {
        await using var store = await SqliteEventStore.OpenAsync(DatabasePath, new SqliteEventStoreOptions { CheckpointAfterPages = 32 });
        var checkpointer = store.Checkpointer.ShouldNotBeNull();
        var wal = new FileInfo(DatabasePath + "-wal");

        // Back-to-back commits from eight appenders, ~2 MB in all: a checkpoint beside them never finds the WAL copied whole.
        var appended = (await Task.WhenAll(Enumerable.Range(0, 8).Select(a =>
            Task.Run(() => AppendAsync(store, appends: 60, eventsEach: 4, bytesEach: 1_000, stream: $"item-{a}"))))).Sum();

        checkpointer.Checkpoints.ShouldBeGreaterThan(0);
        checkpointer.Finishes.ShouldBeGreaterThan(0);
        wal.Refresh();
        // A WAL that never started over would hold a frame for every page of every commit: more than all the event data
        // appended. What holds it on a loaded machine, where the checkpointer falls behind, is the commit path's own
        // bound: four times the threshold, the frames of the commits in flight and the one that found it there (560-680 KB
        // seen under load). Fractions of `appended` (480 KB, then 640 KB) sat below that and failed on busy machines.
        wal.Length.ShouldBeLessThan(Math.Min(400 * 4_120, appended));
        (await store.ReadAllAsync(null, int.MaxValue).CountAsync()).ShouldBe(8 * 60 * 4);
    }

    [Fact]
    public async Task another_process_reads_and_appends_exactly_while_both_checkpoint_in_the_background()
    {
        var options = new SqliteEventStoreOptions { CheckpointAfterPages = 8 };
        await using var first = await SqliteEventStore.OpenAsync(DatabasePath, options);
        await using var second = await SqliteEventStore.OpenAsync(DatabasePath, options);

        await Task.WhenAll(
            Task.Run(() => AppendAsync(first, appends: 60, eventsEach: 2, bytesEach: 2_000, stream: "first")),
            Task.Run(() => AppendAsync(second, appends: 60, eventsEach: 2, bytesEach: 2_000, stream: "second")));
        await UntilAsync(() => first.Checkpointer!.Checkpoints > 0 && second.Checkpointer!.Checkpoints > 0);

        foreach (var store in new[] { first, second })
        {
            var all = await store.ReadAllAsync(null, int.MaxValue).ToListAsync();
            all.Select(e => e.Position.Commit).ShouldBe(Enumerable.Range(1, 240).Select(p => (ulong)p));
            (await store.ReadStreamAsync("first").ToListAsync()).Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, 120).Select(r => (long)r));
            (await store.ReadStreamAsync("second").ToListAsync()).Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, 120).Select(r => (long)r));
        }
    }

    [Fact]
    public async Task without_a_checkpointer_sqlite_checkpoints_on_the_commit_path_as_before()
    {
        await using var store = await SqliteEventStore.OpenAsync(DatabasePath, new SqliteEventStoreOptions { CheckpointAfterPages = null });
        store.Checkpointer.ShouldBeNull();
        var before = new FileInfo(DatabasePath).Length;

        await AppendAsync(store, appends: 40, eventsEach: 32, bytesEach: 3_500);

        new FileInfo(DatabasePath).Length.ShouldBeGreaterThan(before);
    }

    /// <returns>The bytes of event data appended.</returns>
    private static async Task<long> AppendAsync(SqliteEventStore store, int appends, int eventsEach, int bytesEach, string stream = "item")
    {
        for (var i = 0; i < appends; i++)
        {
            var events = Enumerable.Range(0, eventsEach).Select(_ => new EventData(Guid.NewGuid(), "V1.TestHappened",
                Encoding.UTF8.GetBytes($$"""{"pad":"{{new string('x', bytesEach)}}"}"""), Encoding.UTF8.GetBytes("{}"))).ToArray();
            (await store.AppendAsync(stream, ExpectedRevision.Any, events)).ShouldBeOfType<AppendResult.Success>();
        }
        return (long)appends * eventsEach * bytesEach;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}

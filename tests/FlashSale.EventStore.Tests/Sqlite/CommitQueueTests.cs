using System.Text;
using FlashSale.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Tests.Sqlite;

/// <summary>
/// Appends that arrive while a transaction is being written go into the next one together (ADR 0034). The tests hold
/// SQLite's write lock from another connection, as another process would, so that every append is queued before the
/// store can begin its transaction; letting go of it lets them all into one.
/// </summary>
public sealed class CommitQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flashsale-commitqueue-{Guid.NewGuid():N}");
    private SqliteEventStore _store = null!;

    private string DatabasePath => Path.Combine(_directory, "events.db");

    public async Task InitializeAsync() => _store = await SqliteEventStore.OpenAsync(DatabasePath);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task appends_to_different_streams_queued_during_a_commit_share_the_next_one_with_exact_contiguous_positions()
    {
        await _store.AppendAsync("item-before", ExpectedRevision.NoStream, NewEvents(2));
        var commits = _store.Commits;
        var appends = Enumerable.Range(0, 60).Select(i => (Stream: $"item-{i}", Events: NewEvents(1 + i % 3))).ToArray();

        AppendResult[] results;
        await using (var other = await WriteLock.TakeAsync(DatabasePath))
        {
            var tasks = appends.Select(a => Task.Run(() => _store.AppendAsync(a.Stream, ExpectedRevision.NoStream, a.Events))).ToArray();
            await QueuedAsync(appends.Length);
            await other.ReleaseAsync();
            results = await Task.WhenAll(tasks).WaitAsync(Patience);
        }

        (_store.Commits - commits).ShouldBe(1);
        var stored = await _store.ReadAllAsync(null, int.MaxValue).ToListAsync();
        stored.Select(e => e.Position.Commit).ShouldBe(Enumerable.Range(1, stored.Count).Select(p => (ulong)p));
        stored.Count.ShouldBe(2 + appends.Sum(a => a.Events.Length));
        var byId = stored.ToDictionary(e => e.EventId);
        for (var i = 0; i < appends.Length; i++)
        {
            var success = results[i].ShouldBeOfType<AppendResult.Success>();
            success.NextExpectedRevision.ShouldBe(appends[i].Events.Length - 1);
            success.EventPositions.ShouldBe(appends[i].Events.Select(e => byId[e.EventId].Position));
            appends[i].Events.Select(e => byId[e.EventId].StreamRevision).ShouldBe(Enumerable.Range(0, appends[i].Events.Length).Select(r => (long)r));
        }
    }

    [Fact]
    public async Task many_appenders_at_once_get_every_event_exactly_once_at_the_positions_they_were_answered()
    {
        var answered = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var mine = new List<(EventData Event, LogPosition Position)>();
            for (var i = 0; i < 25; i++)
            {
                var events = NewEvents(1 + i % 2);
                var success = (await _store.AppendAsync($"item-{writer}", ExpectedRevision.Any, events)).ShouldBeOfType<AppendResult.Success>();
                mine.AddRange(events.Zip(success.EventPositions));
            }
            return mine;
        }))).WaitAsync(Patience);

        var stored = await _store.ReadAllAsync(null, int.MaxValue).ToListAsync();
        var all = answered.SelectMany(a => a).ToList();
        stored.Select(e => e.Position.Commit).ShouldBe(Enumerable.Range(1, all.Count).Select(p => (ulong)p));
        all.ToDictionary(a => a.Position, a => a.Event.EventId).ShouldBe(stored.ToDictionary(e => e.Position, e => e.EventId), ignoreOrder: true);
        for (var writer = 0; writer < 16; writer++)
            (await _store.ReadStreamAsync($"item-{writer}").ToListAsync()).Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, answered[writer].Count).Select(r => (long)r));
    }

    [Fact]
    public async Task a_conflicting_append_in_a_shared_commit_fails_alone()
    {
        await _store.AppendAsync("item-a", ExpectedRevision.NoStream, NewEvents(1));
        var commits = _store.Commits;
        var (first, second, third) = (NewEvents(2), NewEvents(1), NewEvents(1));

        AppendResult[] answers;
        await using (var other = await WriteLock.TakeAsync(DatabasePath))
        {
            // In this order in the queue: the first one leads (on another thread), the others follow it.
            var leader = Task.Run(() => _store.AppendAsync("item-b", ExpectedRevision.NoStream, first));
            await QueuedAsync(1);
            Task<AppendResult>[] tasks =
            [
                leader,
                _store.AppendAsync("item-a", ExpectedRevision.Exact(5), NewEvents(3)),
                _store.AppendAsync("item-a", ExpectedRevision.Exact(0), second),
                // Checked after the append before it in the same transaction: item-b is at 1 by then.
                _store.AppendAsync("item-b", ExpectedRevision.NoStream, NewEvents(1)),
                _store.AppendAsync("item-b", ExpectedRevision.Exact(1), third),
            ];
            await QueuedAsync(tasks.Length);
            await other.ReleaseAsync();
            answers = await Task.WhenAll(tasks).WaitAsync(Patience);
        }

        (_store.Commits - commits).ShouldBe(1);
        Answer(answers[0]).ShouldBe("ok 1 @2,3");
        Answer(answers[1]).ShouldBe("wrong item-a 5 0");
        Answer(answers[2]).ShouldBe("ok 1 @4");
        Answer(answers[3]).ShouldBe("wrong item-b no stream 1");
        Answer(answers[4]).ShouldBe("ok 2 @5");
        (await _store.ReadAllAsync(null, int.MaxValue).ToListAsync()).Select(e => e.EventId)
            .Skip(1).ShouldBe([.. first.Select(e => e.EventId), second[0].EventId, third[0].EventId]);
    }

    [Fact]
    public async Task an_idempotent_repeat_inside_a_shared_commit_is_answered_as_alone()
    {
        var earlier = NewEvents(2);
        var original = (await _store.AppendAsync("item-a", ExpectedRevision.NoStream, earlier)).ShouldBeOfType<AppendResult.Success>();
        var repeatedAlone = await _store.AppendAsync("item-a", ExpectedRevision.NoStream, earlier);
        var commits = _store.Commits;
        var once = NewEvents(1);

        AppendResult[] answers;
        await using (var other = await WriteLock.TakeAsync(DatabasePath))
        {
            var leader = Task.Run(() => _store.AppendAsync("item-b", ExpectedRevision.NoStream, NewEvents(1)));
            await QueuedAsync(1);
            Task<AppendResult>[] tasks =
            [
                leader,
                _store.AppendAsync("item-a", ExpectedRevision.NoStream, earlier),
                _store.AppendAsync("item-c", ExpectedRevision.NoStream, once),
                // The repeat of an append made earlier in the same transaction.
                _store.AppendAsync("item-c", ExpectedRevision.NoStream, once),
            ];
            await QueuedAsync(tasks.Length);
            await other.ReleaseAsync();
            answers = await Task.WhenAll(tasks).WaitAsync(Patience);
        }

        (_store.Commits - commits).ShouldBe(1);
        Answer(repeatedAlone).ShouldBe(Answer(original));
        Answer(answers[1]).ShouldBe(Answer(original));
        Answer(answers[0]).ShouldBe("ok 0 @3");
        Answer(answers[2]).ShouldBe("ok 0 @4");
        Answer(answers[3]).ShouldBe(Answer(answers[2]));
        (await _store.ReadHeadPositionAsync()).ShouldBe(LogPosition.At(4));
    }

    [Fact]
    public async Task a_cancelled_queued_append_leaves_the_others_in_their_commit()
    {
        var commits = _store.Commits;
        using var cancel = new CancellationTokenSource();
        var (kept, dropped, last) = (NewEvents(1), NewEvents(2), NewEvents(1));

        AppendResult[] answers;
        await using (var other = await WriteLock.TakeAsync(DatabasePath))
        {
            var leader = Task.Run(() => _store.AppendAsync("item-a", ExpectedRevision.NoStream, kept));
            await QueuedAsync(1);
            var cancelled = _store.AppendAsync("item-b", ExpectedRevision.NoStream, dropped, cancellationToken: cancel.Token);
            var after = _store.AppendAsync("item-c", ExpectedRevision.NoStream, last, cancellationToken: CancellationToken.None);
            await QueuedAsync(3);
            await cancel.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
            _store.QueuedAppends.ShouldBe(2);
            await other.ReleaseAsync();
            answers = await Task.WhenAll(leader, after).WaitAsync(Patience);
        }

        (_store.Commits - commits).ShouldBe(1);
        Answer(answers[0]).ShouldBe("ok 0 @1");
        Answer(answers[1]).ShouldBe("ok 0 @2");
        (await _store.ReadAllAsync(null, int.MaxValue).ToListAsync()).Select(e => e.EventId).ShouldBe([kept[0].EventId, last[0].EventId]);
        Answer(await _store.AppendAsync("item-b", ExpectedRevision.NoStream, dropped)).ShouldBe("ok 1 @3,4");
    }

    [Fact]
    public async Task a_failed_transaction_fails_every_append_in_it_and_the_store_goes_on_after_it()
    {
        await _store.AppendAsync("item-before", ExpectedRevision.NoStream, NewEvents(1));
        var commits = _store.Commits;
        _store.LimitFileSize(await PageCountAsync());

        Task<AppendResult>[] tasks;
        await using (var other = await WriteLock.TakeAsync(DatabasePath))
        {
            tasks = [.. Enumerable.Range(0, 5).Select(i => Task.Run(() => _store.AppendAsync($"item-{i}", ExpectedRevision.NoStream, [LargeEvent()])))];
            await QueuedAsync(tasks.Length);
            await other.ReleaseAsync();
            await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(Patience));
        }

        foreach (var task in tasks)
            (await Should.ThrowAsync<SqliteException>(() => task)).SqliteErrorCode.ShouldBe(13); // SQLITE_FULL
        _store.Commits.ShouldBe(commits);
        (await _store.ReadHeadPositionAsync()).ShouldBe(LogPosition.At(1));

        _store.LimitFileSize(null);
        Answer(await _store.AppendAsync("item-0", ExpectedRevision.NoStream, [LargeEvent()])).ShouldBe("ok 0 @2");
        Answer(await _store.AppendAsync("item-1", ExpectedRevision.NoStream, NewEvents(1))).ShouldBe("ok 0 @3");
    }

    [Fact]
    public async Task two_stores_on_one_file_appending_at_once_keep_one_exact_log()
    {
        await using var second = await SqliteEventStore.OpenAsync(DatabasePath);
        var stores = new[] { _store, second };

        var answered = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var mine = new List<(EventData Event, LogPosition Position)>();
            for (var i = 0; i < 20; i++)
            {
                var events = NewEvents(1 + i % 3);
                // Half on streams of their own, half on one stream both stores append to.
                var stream = writer % 2 == 0 ? $"item-{writer}" : "item-shared";
                var success = (await stores[writer % 2].AppendAsync(stream, ExpectedRevision.Any, events)).ShouldBeOfType<AppendResult.Success>();
                mine.AddRange(events.Zip(success.EventPositions));
            }
            return mine;
        }))).WaitAsync(Patience);

        var all = answered.SelectMany(a => a).ToList();
        foreach (var store in stores)
        {
            var stored = await store.ReadAllAsync(null, int.MaxValue).ToListAsync();
            stored.Select(e => e.Position.Commit).ShouldBe(Enumerable.Range(1, all.Count).Select(p => (ulong)p));
            all.ToDictionary(a => a.Position, a => a.Event.EventId).ShouldBe(stored.ToDictionary(e => e.Position, e => e.EventId), ignoreOrder: true);
        }
        var shared = await second.ReadStreamAsync("item-shared").ToListAsync();
        shared.Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, shared.Count).Select(r => (long)r));
    }

    [Fact]
    public async Task a_live_subscription_sees_a_shared_commit_once_in_log_order()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var first = NewEvents(1);
        await _store.AppendAsync("item-first", ExpectedRevision.NoStream, first);
        var received = new List<RecordedEvent>();
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appends = Enumerable.Range(0, 20).Select(i => (Stream: $"item-{i}", Events: NewEvents(1 + i % 2))).ToArray();
        var total = 1 + appends.Sum(a => a.Events.Length);
        var subscription = Task.Run(async () =>
        {
            await foreach (var e in _store.SubscribeToAllAsync(null, StreamFilter.AllUserStreams, timeout.Token))
            {
                received.Add(e);
                firstDelivered.TrySetResult();
                if (received.Count == total) return;
            }
        });
        await firstDelivered.Task.WaitAsync(timeout.Token);

        await using (var other = await WriteLock.TakeAsync(DatabasePath))
        {
            var tasks = appends.Select(a => Task.Run(() => _store.AppendAsync(a.Stream, ExpectedRevision.NoStream, a.Events))).ToArray();
            await QueuedAsync(appends.Length);
            await other.ReleaseAsync();
            await Task.WhenAll(tasks).WaitAsync(Patience);
        }
        await subscription.WaitAsync(timeout.Token);

        var stored = await _store.ReadAllAsync(null, int.MaxValue).ToListAsync();
        received.Select(e => (e.Position, e.EventId)).ShouldBe(stored.Select(e => (e.Position, e.EventId)));
    }

    [Fact]
    public async Task with_commits_apart_every_append_is_its_own_durable_commit()
    {
        await using var apart = await SqliteEventStore.OpenAsync(Path.Combine(_directory, "apart.db"),
            new SqliteEventStoreOptions { CommitAppendsTogether = false });

        var results = await AppendQueuedAsync(apart, Path.Combine(_directory, "apart.db"), appends: 6);

        apart.Commits.ShouldBe(6);
        results.Select(r => r.ShouldBeOfType<AppendResult.Success>().Position.Commit).ShouldBe(new ulong[] { 1, 2, 3, 4, 5, 6 }, ignoreOrder: true);
    }

    [Fact]
    public async Task a_transaction_takes_no_more_appends_than_its_bound()
    {
        await using var bounded = await SqliteEventStore.OpenAsync(Path.Combine(_directory, "bounded.db"),
            new SqliteEventStoreOptions { MaxAppendsPerCommit = 2 });

        var results = await AppendQueuedAsync(bounded, Path.Combine(_directory, "bounded.db"), appends: 5);

        bounded.Commits.ShouldBe(3);
        results.Select(r => r.ShouldBeOfType<AppendResult.Success>().Position.Commit).ShouldBe(new ulong[] { 1, 2, 3, 4, 5 }, ignoreOrder: true);
    }

    private static async Task<AppendResult[]> AppendQueuedAsync(SqliteEventStore store, string path, int appends)
    {
        await using var other = await WriteLock.TakeAsync(path);
        var tasks = Enumerable.Range(0, appends).Select(i => Task.Run(() => store.AppendAsync($"item-{i}", ExpectedRevision.NoStream, NewEvents(1)))).ToArray();
        await QueuedAsync(store, appends);
        await other.ReleaseAsync();
        return await Task.WhenAll(tasks).WaitAsync(Patience);
    }

    private Task QueuedAsync(int count) => QueuedAsync(_store, count);

    /// <summary>Waits until <paramref name="count"/> appends wait for the held write lock.</summary>
    private static async Task QueuedAsync(SqliteEventStore store, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (store.QueuedAppends < count) await Task.Delay(5, timeout.Token);
    }

    private async Task<long> PageCountAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Answer(AppendResult result) => result switch
    {
        AppendResult.Success s => $"ok {s.NextExpectedRevision} @{string.Join(",", s.EventPositions.Select(p => p.Commit))}",
        AppendResult.WrongExpectedVersion w => $"wrong {w.StreamId} {w.Expected} {w.ActualRevision}",
        _ => result.ToString(),
    };

    private static EventData[] NewEvents(int count) => [.. Enumerable.Range(0, count).Select(_ => NewEvent())];

    private static EventData NewEvent()
    {
        var id = Guid.NewGuid();
        return new EventData(id, "V1.TestHappened", Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""), Encoding.UTF8.GetBytes("{}"));
    }

    /// <summary>Larger than a page, so it needs new ones.</summary>
    private static EventData LargeEvent() =>
        new(Guid.NewGuid(), "V1.TestHappened", Encoding.UTF8.GetBytes($$"""{"pad":"{{new string('x', 20_000)}}"}"""), Encoding.UTF8.GetBytes("{}"));

    /// <summary>SQLite's write lock held by a connection of its own, as another process appending would hold it.</summary>
    private sealed class WriteLock : IAsyncDisposable
    {
        private readonly SqliteConnection _connection;
        private bool _released;

        private WriteLock(SqliteConnection connection) => _connection = connection;

        public static async Task<WriteLock> TakeAsync(string path)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE";
            await command.ExecuteNonQueryAsync();
            return new WriteLock(connection);
        }

        public async Task ReleaseAsync()
        {
            if (_released) return;
            _released = true;
            await using var command = _connection.CreateCommand();
            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await ReleaseAsync();
            await _connection.DisposeAsync();
        }
    }
}

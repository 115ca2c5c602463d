using System.Text;
using FlashSale.EventStore.Sqlite;
using FlashSale.EventStore.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Tests.Sqlite;

public sealed class SqliteEventStoreTests : EventStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flashsale-eventstore-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_directory, "events.db");

    protected override async Task<IEventStore> CreateStoreAsync() => await SqliteEventStore.OpenAsync(DatabasePath);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task an_empty_store_has_no_head_and_no_events()
    {
        (await Store.ReadHeadPositionAsync()).ShouldBeNull();
        (await ReadAll(null, StreamFilter.AllUserStreams)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_live_subscriber_reads_the_buffers_of_an_unchanging_append_themselves_and_a_read_from_the_file_the_same_bytes()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(1));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var live = Store.SubscribeToAllAsync(null, StreamFilter.AllUserStreams, cancel.Token).GetAsyncEnumerator(cancel.Token);
        (await live.MoveNextAsync()).ShouldBeTrue(); // caught up: the next one comes from the live appends

        byte[] data = Encoding.UTF8.GetBytes("""{"n":41}"""), metadata = Encoding.UTF8.GetBytes("""{"m":41}""");
        await AppendOk(stream, ExpectedRevision.Exact(0), [new EventData(Guid.NewGuid(), "Test.Kept", data, metadata) { Unchanging = true }]);
        (await live.MoveNextAsync()).ShouldBeTrue();

        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(live.Current.Data, out var seen).ShouldBeTrue();
        seen.Array.ShouldBeSameAs(data, "no copy of every event for the live subscribers (ADR 0041)");
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(live.Current.Metadata, out var seenMetadata).ShouldBeTrue();
        seenMetadata.Array.ShouldBeSameAs(metadata);
        var stored = (await ReadAll(null, StreamFilter.AllUserStreams))[^1];
        stored.Data.ToArray().ShouldBe(data);
        stored.Metadata.ToArray().ShouldBe(metadata);
    }

    [Fact]
    public async Task global_positions_are_gap_free_even_after_a_rejected_append()
    {
        var stream = NewStream();
        var first = await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(3));
        var rejected = await Store.AppendAsync(stream, ExpectedRevision.NoStream, NewEvents(2));
        var second = await AppendOk(NewStream(), ExpectedRevision.Any, NewEvents(2));

        rejected.ShouldBeOfType<AppendResult.WrongExpectedVersion>();
        first.EventPositions.ShouldBe([LogPosition.At(1), LogPosition.At(2), LogPosition.At(3)]);
        second.EventPositions.ShouldBe([LogPosition.At(4), LogPosition.At(5)]);
        (await ReadAll(null, StreamFilter.AllUserStreams)).Select(e => e.Position.Commit).ShouldBe([1UL, 2, 3, 4, 5]);
        (await Store.ReadHeadPositionAsync()).ShouldBe(LogPosition.At(5));
    }

    [Fact]
    public async Task appended_events_survive_closing_and_reopening_the_file()
    {
        var path = Path.Combine(_directory, "durable.db");
        var (a, b) = (NewStream(), NewStream());
        List<RecordedEvent> before;
        await using (var store = await SqliteEventStore.OpenAsync(path))
        {
            await store.AppendAsync(a, ExpectedRevision.NoStream, NewEvents(3));
            await store.AppendAsync(b, ExpectedRevision.NoStream, NewEvents(1));
            await store.AppendAsync(a, ExpectedRevision.Exact(2), NewEvents(2));
            before = await store.ReadAllAsync(null, int.MaxValue).ToListAsync();
        }
        SqliteConnection.ClearAllPools();

        await using var reopened = await SqliteEventStore.OpenAsync(path);

        var after = await reopened.ReadAllAsync(null, int.MaxValue).ToListAsync();
        after.Count.ShouldBe(6);
        after.Select(Fingerprint).ShouldBe(before.Select(Fingerprint));
        (await reopened.ReadStreamAsync(a).ToListAsync()).Select(e => e.StreamRevision).ShouldBe([0L, 1, 2, 3, 4]);
        var next = (await reopened.AppendAsync(a, ExpectedRevision.Exact(4), NewEvents(1))).ShouldBeOfType<AppendResult.Success>();
        next.NextExpectedRevision.ShouldBe(5);
        next.Position.ShouldBe(LogPosition.At(7));
    }

    [Fact]
    public async Task two_stores_on_one_file_racing_at_the_same_revision_let_exactly_one_win()
    {
        await using var other = await SqliteEventStore.OpenAsync(DatabasePath);
        var stores = new IEventStore[] { Store, other };
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await stores[i % 2].AppendAsync(stream, ExpectedRevision.Exact(0), [NewEvent()]);
        })).ToArray();

        gate.SetResult();
        var results = await Task.WhenAll(tasks).WaitAsync(Patience);

        results.OfType<AppendResult.Success>().ShouldHaveSingleItem().NextExpectedRevision.ShouldBe(1);
        results.OfType<AppendResult.WrongExpectedVersion>().Count().ShouldBe(15);
        (await Store.ReadStreamAsync(stream).ToListAsync()).Count.ShouldBe(2);
        (await other.ReadStreamAsync(stream).ToListAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task two_stores_on_one_file_keep_one_gap_free_log()
    {
        await using var other = await SqliteEventStore.OpenAsync(DatabasePath);
        var stream = NewStream();

        var written = await RunRetryingWritersAsync([Store, other], stream, writers: 8, appendsEach: 25);

        written.SelectMany(w => w).Count().ShouldBe(200);
        var all = await ReadAll(null, StreamFilter.AllUserStreams);
        all.Select(e => e.Position.Commit).ShouldBe(Enumerable.Range(1, 200).Select(p => (ulong)p));
        all.Select(e => e.StreamRevision).ShouldBe(Enumerable.Range(0, 200).Select(r => (long)r));
        all.Select(e => e.EventId).ShouldBe(written.SelectMany(w => w), ignoreOrder: true);
    }

    [Fact]
    public async Task a_subscription_sees_events_appended_through_another_store_on_the_same_file()
    {
        await using var subscriber = await SqliteEventStore.OpenAsync(DatabasePath, pollInterval: TimeSpan.FromMilliseconds(20));
        var stream = NewStream();
        var first = NewEvent();
        await AppendOk(stream, ExpectedRevision.NoStream, first);
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var live = NewEvent();

        var subscription = CollectUntilAsync(
            subscriber.SubscribeToAllAsync(null, StreamFilter.Prefixes(stream), timeout.Token), live.EventId, timeout.Token, firstDelivered);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        await AppendOk(stream, ExpectedRevision.Exact(0), live);

        (await subscription).Select(e => e.EventId).ShouldBe([first.EventId, live.EventId]);
    }

    [Fact]
    public async Task a_live_subscription_delivers_its_own_stores_appends_and_another_stores_in_between_exactly_as_stored()
    {
        await using var other = await SqliteEventStore.OpenAsync(DatabasePath);
        var run = NewStream();
        var (mine, theirs) = ($"{run}-mine", $"{run}-theirs");
        await AppendOk(mine, ExpectedRevision.Any, NewEvent());
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = NewEvent();

        var subscription = CollectUntilAsync(
            Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(run), timeout.Token), last.EventId, timeout.Token, firstDelivered);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        // This store's appends with the other store's landing between them: each of those is a gap in what this store
        // appended itself, and the subscription must still deliver it, in log order.
        for (var i = 0; i < 20; i++)
        {
            await AppendOk(mine, ExpectedRevision.Any, NewEvents(1 + i % 3));
            if (i % 4 == 1) (await other.AppendAsync(theirs, ExpectedRevision.Any, NewEvents(1 + i % 2))).ShouldBeOfType<AppendResult.Success>();
        }
        await AppendOk(mine, ExpectedRevision.Any, last);
        var received = await subscription;

        var stored = await ReadAll(null, StreamFilter.Prefixes(run));
        received.Select(Stored).ShouldBe(stored.Select(Stored));
    }

    [Fact]
    public async Task a_live_subscription_delivers_what_was_stored_even_when_the_appender_reuses_its_buffer()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        using var timeout = new CancellationTokenSource(Patience);
        var firstDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var buffer = Encoding.UTF8.GetBytes("""{"n":1}""");
        var live = new EventData(Guid.NewGuid(), "V1.TestHappened", buffer, buffer);

        var subscription = CollectUntilAsync(
            Store.SubscribeToAllAsync(null, StreamFilter.Prefixes(stream), timeout.Token), live.EventId, timeout.Token, firstDelivered);
        await firstDelivered.Task.WaitAsync(timeout.Token);
        await AppendOk(stream, ExpectedRevision.Exact(0), live);
        buffer[5] = (byte)'2';
        var delivered = (await subscription)[^1];

        Encoding.UTF8.GetString(delivered.Data.Span).ShouldBe("""{"n":1}""");
        Encoding.UTF8.GetString(delivered.Metadata.Span).ShouldBe("""{"n":1}""");
    }

    private static string Stored(RecordedEvent e) =>
        $"{e.Position.Commit} {e.StreamId}@{e.StreamRevision} {e.EventId} {e.Type} {Convert.ToHexString(e.Data.Span)} " +
        $"{Convert.ToHexString(e.Metadata.Span)} {e.Created.ToUnixTimeMilliseconds()} {e.Created.Offset}";

    [Fact]
    public async Task the_database_runs_in_wal_journal_mode()
    {
        await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvent());
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        (await command.ExecuteScalarAsync()).ShouldBe("wal");
        File.Exists(DatabasePath + "-wal").ShouldBeTrue();
    }

    private static string Fingerprint(RecordedEvent e) =>
        $"{e.Position}|{e.StreamId}|{e.StreamRevision}|{e.EventId}|{e.Type}|{Convert.ToHexString(e.Data.Span)}|" +
        $"{Convert.ToHexString(e.Metadata.Span)}|{e.Created.ToUnixTimeMilliseconds()}";
}

using System.Collections.Concurrent;
using System.Text;
using FlashSale.EventStore.Marten;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.EventStore.Tests.Marten;

/// <summary>
/// PostgreSQL draws sequence numbers before commit, so without care concurrent appends become visible out of order and
/// rolled-back ones leave gaps; a reader that moves past a number still in flight skips that event for ever (ADR 0012).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OutOfOrderCommitTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private MartenEventStoreSettings _settings = null!;
    private MartenEventStore _writer = null!;
    private MartenEventStore _reader = null!;

    public async Task InitializeAsync()
    {
        _settings = await MartenStores.NewSchemaAsync(server, nameof(OutOfOrderCommitTests));
        _writer = await MartenEventStore.OpenAsync(_settings);
        // Another store on the same schema, as another process would be: it learns of appends only by reading.
        _reader = await MartenEventStore.OpenAsync(_settings);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
    }

    [Fact]
    public async Task without_the_append_lock_a_later_append_is_visible_before_an_earlier_one_commits()
    {
        _writer.WithoutAppendLock = true;
        var (held, release) = HoldAppendsTo("item-held");

        var early = _writer.AppendAsync("item-held", ExpectedRevision.NoStream, [Event()]);
        await held.Task.WaitAsync(Patience);
        var late = (AppendResult.Success)await _writer.AppendAsync("item-late", ExpectedRevision.NoStream, [Event()]);
        var seenWhileHeld = await _reader.ReadAllAsync(null, int.MaxValue).ToListAsync();
        release.SetResult();
        var earlier = (AppendResult.Success)await early;

        // The hazard this adapter exists to avoid: a reader at the late event's position would never see the early one.
        seenWhileHeld.Select(e => e.StreamId).ShouldBe(["item-late"]);
        earlier.Position.ShouldBeLessThan(late.Position);
    }

    [Fact]
    public async Task an_append_held_open_before_commit_holds_back_later_appends_so_no_reader_sees_them_first()
    {
        var (held, release) = HoldAppendsTo("item-held");

        var early = _writer.AppendAsync("item-held", ExpectedRevision.NoStream, [Event()]);
        await held.Task.WaitAsync(Patience);
        var late = _writer.AppendAsync("item-late", ExpectedRevision.NoStream, [Event()]);
        await Task.Delay(300);
        var seenWhileHeld = await _reader.ReadAllAsync(null, int.MaxValue).ToListAsync();
        var lateDoneWhileHeld = late.IsCompleted;
        release.SetResult();
        var (earlier, later) = ((AppendResult.Success)await early, (AppendResult.Success)await late);

        lateDoneWhileHeld.ShouldBeFalse();
        seenWhileHeld.ShouldBeEmpty();
        earlier.Position.ShouldBeLessThan(later.Position);
        (await _reader.ReadAllAsync(null, int.MaxValue).ToListAsync()).Select(e => e.StreamId).ShouldBe(["item-held", "item-late"]);
    }

    [Fact]
    public async Task a_subscriber_sees_every_committed_event_exactly_once_in_order_while_appends_are_held_open_and_rolled_back()
    {
        const int appenders = 12, appendsEach = 60, streams = 40;
        var random = new ConcurrentDictionary<int, Random>();
        _writer.BeforeCommit = async (stream, token) =>
        {
            var dice = random.GetOrAdd(Environment.CurrentManagedThreadId, id => new Random(id)).Next(100);
            if (dice < 8) throw new RolledBackOnPurpose();
            if (dice < 20) await Task.Delay(dice % 4 * 5, token);
        };
        var acknowledged = new ConcurrentBag<(Guid EventId, LogPosition Position)>();
        var rolledBack = new ConcurrentBag<Guid>();
        using var timeout = new CancellationTokenSource(Patience);
        var received = new List<RecordedEvent>();
        var done = Event();
        var subscriber = Task.Run(async () =>
        {
            await foreach (var e in _reader.SubscribeToAllAsync(null, StreamFilter.Prefixes("item-"), timeout.Token))
            {
                if (e.EventId == done.EventId) return;
                received.Add(e);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, appenders).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                var batch = Enumerable.Range(0, 1 + (a + i) % 3).Select(_ => Event()).ToArray();
                try
                {
                    var ok = (AppendResult.Success)await _writer.AppendAsync($"item-{(a * 7 + i) % streams}", ExpectedRevision.Any, batch);
                    foreach (var (e, position) in batch.Zip(ok.EventPositions)) acknowledged.Add((e.EventId, position));
                }
                catch (RolledBackOnPurpose)
                {
                    foreach (var e in batch) rolledBack.Add(e.EventId);
                }
            }
        }))).WaitAsync(Patience);
        _writer.BeforeCommit = null;
        await _writer.AppendAsync("item-done", ExpectedRevision.NoStream, [done]);
        await subscriber.WaitAsync(Patience);

        rolledBack.ShouldNotBeEmpty();
        received.Select(e => e.EventId).ShouldBe(acknowledged.OrderBy(a => a.Position).Select(a => a.EventId));
        received.Select(e => e.Position).ShouldBe(acknowledged.Select(a => a.Position).Order());
        received.Select(e => e.EventId).ShouldBeUnique();
        received.ShouldAllBe(e => !rolledBack.Contains(e.EventId));
        // The rollbacks drew sequence numbers: the log has gaps, and the subscriber went past them.
        received[^1].Position.Commit.ShouldBeGreaterThan((ulong)received.Count);
    }

    private (TaskCompletionSource Held, TaskCompletionSource Release) HoldAppendsTo(string stream)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writer.BeforeCommit = async (s, token) =>
        {
            if (s != stream) return;
            held.TrySetResult();
            await release.Task.WaitAsync(token);
        };
        return (held, release);
    }

    private static EventData Event()
    {
        var id = Guid.NewGuid();
        return new EventData(id, "V1.TestHappened", Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""), "{}"u8.ToArray());
    }

    private sealed class RolledBackOnPurpose : Exception;
}

using System.Text;

namespace FlashSale.EventStore.Tests.Contract;

/// <summary>
/// The semantics every <see cref="IEventStore"/> adapter must have. An adapter's test class derives from this one and
/// only says how to create a store. Stream names are unique per test and every <c>$all</c> assertion is filtered to
/// the test's own streams, so the suite also runs against a shared, long-lived server.
/// </summary>
public abstract partial class EventStoreContract : IAsyncLifetime
{
    /// <summary>Bounds every wait on a subscription or a race, so a broken adapter fails instead of hanging.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected IEventStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty store; called once per test.</summary>
    protected abstract Task<IEventStore> CreateStoreAsync();

    public virtual async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    /// <summary>A stream name no other test (or earlier run against the same server) uses; also a prefix for
    /// further streams of the same test (<c>$"{run}-a"</c>).</summary>
    protected static string NewStream(string kind = "item") => $"{kind}-{Guid.NewGuid():N}";

    protected static EventData NewEvent(string type = "V1.TestHappened")
    {
        var id = Guid.NewGuid();
        return new EventData(id, type,
            Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""),
            Encoding.UTF8.GetBytes($$"""{"correlationId":"{{Guid.NewGuid()}}"}"""));
    }

    protected static EventData[] NewEvents(int count) => [.. Enumerable.Range(0, count).Select(_ => NewEvent())];

    protected async Task<AppendResult.Success> AppendOk(string stream, ExpectedRevision expected, params EventData[] events) =>
        (await Store.AppendAsync(stream, expected, events)).ShouldBeOfType<AppendResult.Success>();

    protected async Task<List<RecordedEvent>> ReadStream(string stream, long fromRevision = 0, int maxCount = int.MaxValue) =>
        await Store.ReadStreamAsync(stream, fromRevision, maxCount).ToListAsync();

    protected async Task<List<RecordedEvent>> ReadAll(LogPosition? after, StreamFilter filter, int maxCount = int.MaxValue) =>
        await Store.ReadAllAsync(after, maxCount, filter).ToListAsync();

    /// <summary>
    /// Consumes <paramref name="subscription"/> on another thread until the event <paramref name="lastEventId"/>
    /// arrives, and returns everything delivered up to and including it.
    /// </summary>
    protected static Task<List<RecordedEvent>> CollectUntilAsync(IAsyncEnumerable<RecordedEvent> subscription,
        Guid lastEventId, CancellationToken timeout, TaskCompletionSource? firstDelivered = null,
        Func<int, Task>? afterEach = null) =>
        Task.Run(async () =>
        {
            var received = new List<RecordedEvent>();
            try
            {
                await foreach (var e in subscription)
                {
                    received.Add(e);
                    firstDelivered?.TrySetResult();
                    if (e.EventId == lastEventId) return received;
                    if (afterEach is not null) await afterEach(received.Count);
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
            }
            throw new ShouldAssertException(
                $"The subscription ended or ran out of time ({Patience.TotalSeconds} s) after {received.Count} events, before {lastEventId}.");
        });

    protected static void ShouldBeStrictlyIncreasing(IReadOnlyList<LogPosition> positions)
    {
        for (var i = 1; i < positions.Count; i++)
            positions[i].ShouldBeGreaterThan(positions[i - 1], $"position #{i} is not after #{i - 1}");
    }
}

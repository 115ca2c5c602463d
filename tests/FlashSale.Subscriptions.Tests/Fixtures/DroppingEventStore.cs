using System.Runtime.CompilerServices;
using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Tests.Fixtures;

/// <summary>The real store, except that its first <paramref name="drops"/> subscriptions throw after delivering
/// <paramref name="dropAfter"/> events, as a connection lost mid-stream. Records where and when each one started.</summary>
public sealed class DroppingEventStore(IEventStore inner, int dropAfter, int drops = 1) : IEventStore
{
    private int _subscriptions;

    public List<LogPosition?> SubscribedFrom { get; } = [];

    public List<DateTime> SubscribedAt { get; } = [];

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (SubscribedFrom)
        {
            SubscribedFrom.Add(checkpoint);
            SubscribedAt.Add(DateTime.UtcNow);
        }
        var dropping = Interlocked.Increment(ref _subscriptions) <= drops;
        var delivered = 0;
        await foreach (var recorded in inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken))
        {
            if (dropping && delivered == dropAfter) throw new IOException("connection to the event store lost");
            delivered++;
            yield return recorded;
        }
    }

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default) => inner.AppendAsync(streamId, expected, events, positions, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default) => inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        inner.ReadHeadPositionAsync(cancellationToken);
}

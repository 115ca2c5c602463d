using FlashSale.EventStore;

namespace FlashSale.Testing.EventStores;

/// <summary>An event store that hands every call to another: the base of the test doubles that change one or two of them.</summary>
public abstract class DelegatingEventStore(IEventStore inner) : IEventStore
{
    protected IEventStore Inner { get; } = inner;

    public virtual bool AnswersEveryAppendedPosition => Inner.AnswersEveryAppendedPosition;

    public virtual Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default) =>
        Inner.AppendAsync(streamId, expected, events, positions, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default) => Inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => Inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) => Inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public virtual Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        Inner.ReadHeadPositionAsync(cancellationToken);
}

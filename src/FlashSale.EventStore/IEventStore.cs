namespace FlashSale.EventStore;

/// <summary>
/// The event store port, with EventStoreDB's semantics. Every adapter passes the shared contract test suite.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> atomically if the stream is at <paramref name="expected"/>. Returns only once
    /// the events are durable. A concurrency conflict is a result, not an exception. <paramref name="positions"/> says
    /// which positions the answer must carry (<see cref="AppendResult.Success.EventPositions"/>).
    /// </summary>
    Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default);

    /// <summary>Whether every append answers each event's position, whatever <see cref="AppendPositions"/> asks, at no extra
    /// cost (SQLite, Marten). A caller that stores which events were appended together only needs to where it does not.</summary>
    bool AnswersEveryAppendedPosition => false;

    /// <summary>Reads a stream forwards from <paramref name="fromRevision"/> (inclusive). An unknown stream reads empty.</summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default);

    /// <summary>Reads the global log forwards from the first event after <paramref name="after"/> (null = from the start).</summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default);

    /// <summary>How many events after <paramref name="after"/> pass <paramref name="filter"/>, counting at most
    /// <paramref name="limit"/>: what <see cref="ReadAllAsync"/> would yield, without the events (projection lag). The
    /// default reads them; an adapter that can count without reading overrides it.</summary>
    async Task<long> CountAfterAsync(LogPosition? after, int limit, StreamFilter? filter = null, CancellationToken cancellationToken = default)
    {
        long counted = 0;
        await foreach (var _ in ReadAllAsync(after, limit, filter, cancellationToken)) counted++;
        return counted;
    }

    /// <summary>
    /// Subscribes to the global log after <paramref name="checkpoint"/> (null = from the start): catches up, then
    /// delivers new events live, each exactly once and in log order, until cancelled.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default);

    /// <summary>The position of the last event in the global log, or null when the log is empty.</summary>
    Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default);
}

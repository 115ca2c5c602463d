using FlashSale.EventStore;

namespace FlashSale.Benchmarks.EventStoreDb;

/// <summary>
/// One path's view of a shared EventStoreDB: its streams get a suffix of their own (a server keeps what earlier paths
/// and runs wrote), and what it appends is counted, so the raw path can send batches of the same size and bytes.
/// </summary>
internal sealed class RunScopedEventStore(IEventStore inner, string suffix) : IEventStore, IAsyncDisposable
{
    private long _appends, _events, _orders, _dataBytes, _metadataBytes, _appendTicks;

    public long Appends => Interlocked.Read(ref _appends);

    public long Events => Interlocked.Read(ref _events);

    public double EventsPerAppend => Appends == 0 ? 0 : (double)Events / Appends;

    public double EventsPerOrder => Interlocked.Read(ref _orders) is var orders and > 0 ? (double)Events / orders : 1;

    /// <summary>Mean time of one append as the writer waits for it (the adapter's call and read-back).</summary>
    public double AppendMs => Appends == 0 ? 0 : TimeSpan.FromTicks(Interlocked.Read(ref _appendTicks) / Appends).TotalMilliseconds;

    public int DataBytesPerEvent => Events == 0 ? 0 : (int)(Interlocked.Read(ref _dataBytes) / Events);

    public int MetadataBytesPerEvent => Events == 0 ? 0 : (int)(Interlocked.Read(ref _metadataBytes) / Events);

    public bool AnswersEveryAppendedPosition => inner.AnswersEveryAppendedPosition;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await inner.AppendAsync(streamId + suffix, expected, events, positions, cancellationToken);
        if (result is not AppendResult.Success) return result;
        Interlocked.Add(ref _appendTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        Interlocked.Increment(ref _appends);
        Interlocked.Add(ref _events, events.Count);
        foreach (var e in events)
        {
            if (e.Type == "V1.OrderPlaced") Interlocked.Increment(ref _orders);
            Interlocked.Add(ref _dataBytes, e.Data.Length);
            Interlocked.Add(ref _metadataBytes, e.Metadata.Length);
        }
        return result;
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(streamId + suffix, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        inner.ReadHeadPositionAsync(cancellationToken);

    // The adapter's connection is the run's, shared by every path: closed once at the end.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

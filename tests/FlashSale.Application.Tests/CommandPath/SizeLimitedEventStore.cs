using FlashSale.EventStore;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>A store that refuses appends of more than <paramref name="maxAppendBytes"/> bytes (data and metadata), as
/// EventStoreDB refuses appends above its maximum append size, and records the size of every append it took.</summary>
internal sealed class SizeLimitedEventStore(IEventStore inner, long maxAppendBytes) : IEventStore
{
    private readonly List<long> _taken = [];
    private int _refused;

    public IReadOnlyList<long> TakenAppendSizes
    {
        get { lock (_taken) return [.. _taken]; }
    }

    public int Refused => Volatile.Read(ref _refused);

    public static long SizeOf(IReadOnlyList<EventData> events) => events.Sum(e => (long)e.Data.Length + e.Metadata.Length);

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        var size = SizeOf(events);
        if (size > maxAppendBytes)
        {
            Interlocked.Increment(ref _refused);
            throw new AppendTooLargeException(streamId, maxAppendBytes);
        }
        var result = await inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
        if (result is AppendResult.Success) lock (_taken) _taken.Add(size);
        return result;
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default) => inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        inner.ReadHeadPositionAsync(cancellationToken);
}

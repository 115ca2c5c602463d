using FlashSale.EventStore;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>A store that refuses appends of more than <paramref name="maxAppendBytes"/> bytes (data and metadata), as
/// EventStoreDB refuses appends above its maximum append size, and records the size of every append it took.</summary>
internal sealed class SizeLimitedEventStore(IEventStore inner, long maxAppendBytes) : DelegatingEventStore(inner)
{
    private readonly List<long> _taken = [];
    private int _refused;

    public IReadOnlyList<long> TakenAppendSizes
    {
        get { lock (_taken) return [.. _taken]; }
    }

    public int Refused => Volatile.Read(ref _refused);

    public static long SizeOf(IReadOnlyList<EventData> events) => events.Sum(e => (long)e.Data.Length + e.Metadata.Length);

    // As EventStoreDB: an append answers its last position only, so the writer stores every event's append end.
    public override bool AnswersEveryAppendedPosition => false;

    public override async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        var size = SizeOf(events);
        if (size > maxAppendBytes)
        {
            Interlocked.Increment(ref _refused);
            throw new AppendTooLargeException(streamId, maxAppendBytes);
        }
        var result = await Inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
        if (result is AppendResult.Success) lock (_taken) _taken.Add(size);
        return result;
    }
}

namespace FlashSale.EventStore.Sqlite;

/// <summary>An append waiting for (or inside) a transaction of the commit queue. Its answer is set only once the
/// transaction it went into is durable, or failed.</summary>
internal sealed class PendingAppend(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events)
    : TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public string StreamId { get; } = streamId;

    public ExpectedRevision Expected { get; } = expected;

    public IReadOnlyList<EventData> Events { get; } = events;

    public long Bytes { get; } = SizeOf(events);

    /// <summary>Its place in the queue while waiting; null once taken into a transaction or cancelled (under the queue's lock).</summary>
    public LinkedListNode<PendingAppend>? Node { get; set; }

    public CancellationTokenRegistration Cancellation { get; set; }

    /// <summary>Its answer within the transaction, given out after the commit.</summary>
    public AppendResult? Result { get; set; }

    /// <summary>What it stored, for the recent-appends cache; null when it wrote nothing (a conflict or a repeat).</summary>
    public RecordedEvent[]? Written { get; set; }

    private static long SizeOf(IReadOnlyList<EventData> events)
    {
        long bytes = 0;
        for (var i = 0; i < events.Count; i++) bytes += events[i].Data.Length + events[i].Metadata.Length;
        return bytes;
    }
}

namespace FlashSale.EventStore;

/// <summary>An event to append: its id (deterministic ids make retried appends harmless), storage type name,
/// JSON data and JSON metadata.</summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata)
{
    /// <summary>The caller never changes <see cref="Data"/> and <see cref="Metadata"/> once appended, so a store may keep
    /// them instead of copies (the embedded store hands them to its live subscribers). Unset, a store keeps copies: a
    /// caller may reuse its buffers right after the append.</summary>
    public bool Unchanging { get; init; }
}

/// <summary>An event as stored: where it sits in its stream and in the global log.</summary>
public sealed record RecordedEvent(
    string StreamId,
    long StreamRevision,
    LogPosition Position,
    Guid EventId,
    string Type,
    ReadOnlyMemory<byte> Data,
    ReadOnlyMemory<byte> Metadata,
    DateTimeOffset Created);

public abstract record AppendResult
{
    private AppendResult() { }

    /// <summary>The events are durable. <see cref="NextExpectedRevision"/> is the revision of the last appended event;
    /// <see cref="EventPositions"/> holds the global position of each appended event, in order, or only the last one's
    /// when the append asked for <see cref="AppendPositions.LastEvent"/> (an adapter may still give all).</summary>
    public sealed record Success(long NextExpectedRevision, IReadOnlyList<LogPosition> EventPositions) : AppendResult
    {
        /// <summary>The last appended event's position.</summary>
        public LogPosition Position => EventPositions[^1];
    }

    /// <summary>The stream was not at the expected revision; nothing was written. <see cref="ActualRevision"/> is -1
    /// when the stream does not exist.</summary>
    public sealed record WrongExpectedVersion(string StreamId, ExpectedRevision Expected, long ActualRevision) : AppendResult;
}

/// <summary>Which streams a subscription to the global log delivers. System streams (<c>$...</c>) never pass.</summary>
public sealed record StreamFilter(IReadOnlyList<string> StreamPrefixes)
{
    public static StreamFilter AllUserStreams { get; } = new([]);

    public static StreamFilter Prefixes(params string[] prefixes) => new(prefixes);

    // Asked for every event each subscriber reads: a loop, not a closure per call.
    public bool Passes(string streamId)
    {
        if (streamId.StartsWith('$')) return false;
        if (StreamPrefixes.Count == 0) return true;
        for (var i = 0; i < StreamPrefixes.Count; i++)
            if (streamId.StartsWith(StreamPrefixes[i], StringComparison.Ordinal)) return true;
        return false;
    }
}

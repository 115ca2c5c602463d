namespace FlashSale.EventStore;

/// <summary>An event to append: its id (deterministic ids make retried appends harmless), storage type name,
/// JSON data and JSON metadata.</summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata);

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

    public bool Passes(string streamId) =>
        !streamId.StartsWith('$') &&
        (StreamPrefixes.Count == 0 || StreamPrefixes.Any(p => streamId.StartsWith(p, StringComparison.Ordinal)));
}

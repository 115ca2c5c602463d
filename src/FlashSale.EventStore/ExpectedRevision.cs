namespace FlashSale.EventStore;

/// <summary>
/// The optimistic-concurrency check of an append, with EventStoreDB's meaning. Stream revisions are 0-based:
/// the first event of a stream has revision 0.
/// </summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;
    private const long StreamExistsValue = -4;

    private ExpectedRevision(long value) => Value = value;

    /// <summary>-2 any, -1 no stream, -4 stream exists, otherwise the exact revision of the stream's last event.</summary>
    public long Value { get; }

    public static ExpectedRevision Any { get; } = new(AnyValue);
    public static ExpectedRevision NoStream { get; } = new(NoStreamValue);
    public static ExpectedRevision StreamExists { get; } = new(StreamExistsValue);

    public static ExpectedRevision Exact(long revision) =>
        revision >= 0 ? new(revision) : throw new ArgumentOutOfRangeException(nameof(revision), "An exact revision is 0 or more.");

    /// <summary>The expected revision for a stream whose last known revision is <paramref name="revision"/> (-1 = none).</summary>
    public static ExpectedRevision After(long revision) => revision < 0 ? NoStream : Exact(revision);

    public bool IsAny => Value == AnyValue;
    public bool IsNoStream => Value == NoStreamValue;
    public bool IsStreamExists => Value == StreamExistsValue;
    public bool IsExact => Value >= 0;

    /// <summary>Whether a stream whose last revision is <paramref name="current"/> (-1 = no stream) satisfies this check.</summary>
    public bool IsSatisfiedBy(long current) => Value switch
    {
        AnyValue => true,
        NoStreamValue => current < 0,
        StreamExistsValue => current >= 0,
        _ => current == Value,
    };

    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NoStreamValue => "no stream",
        StreamExistsValue => "stream exists",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

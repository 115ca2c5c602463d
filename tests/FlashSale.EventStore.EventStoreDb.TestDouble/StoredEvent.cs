using Google.Protobuf;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>An event as the double keeps it, at the commit/prepare pair <see cref="DoublePositions"/> gives it.</summary>
internal sealed record StoredEvent(
    Guid Id,
    string Stream,
    long Revision,
    ulong Commit,
    ulong Prepare,
    Dictionary<string, string> Metadata,
    ByteString CustomMetadata,
    ByteString Data)
{
    public string Type => Metadata["type"];

    public int CompareTo(ulong commit, ulong prepare) =>
        Commit != commit ? Commit.CompareTo(commit) : Prepare.CompareTo(prepare);
}

/// <summary>What an append asked for, decoded from the wire.</summary>
internal sealed record ProposedEvent(Guid Id, IReadOnlyDictionary<string, string> Metadata, ByteString CustomMetadata, ByteString Data)
{
    // What 23.10 counts against the max append size (Event.SizeOnDisk): `data?.Length ?? 0 + metadata?.Length ?? 0 + ...`
    // binds as `data?.Length ?? (...)`, so only the data, never the metadata.
    public int Size => Data.Length;
}

internal abstract record AppendOutcome
{
    /// <param name="HasPosition">False for a repeat whose last event a read no longer finds: the server answers no position.</param>
    public sealed record Written(long CurrentRevision, ulong Commit, ulong Prepare, bool HasPosition = true) : AppendOutcome;

    public sealed record WrongExpectedVersion(long Current) : AppendOutcome;

    public sealed record Deleted : AppendOutcome;
}

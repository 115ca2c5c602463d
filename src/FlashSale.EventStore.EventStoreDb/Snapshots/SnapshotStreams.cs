namespace FlashSale.EventStore.EventStoreDb.Snapshots;

/// <summary>
/// Where snapshots live on EventStoreDB: one stream per snapshotted stream, <c>snapshot-&lt;stream&gt;</c>. The adapter keeps
/// them out of everything the port shows of <c>$all</c> (reads, subscriptions, the head), so followers of the log never see
/// them; the name stays <c>$</c>-free so the application's own user may write it.
/// </summary>
internal static class SnapshotStreams
{
    public const string Prefix = "snapshot-";

    /// <summary>Matches every stream but snapshot streams and their metadata streams (other system streams included).</summary>
    public const string AllButSnapshotsRegex = @"^(?!snapshot-|\$\$snapshot-)";

    /// <summary>Matches user streams (no <c>$</c>) that are not snapshot streams.</summary>
    public const string UserStreamsRegex = @"^(?!\$|snapshot-)";

    public const string PartType = "FlashSale.SnapshotPart";
    public const string CommitType = "FlashSale.SnapshotCommitted";

    public static string For(string streamId) => Prefix + streamId;

    /// <summary>The server's metadata stream of a stream (23.10 <c>SystemStreams.MetastreamOf</c>).</summary>
    public static string MetadataOf(string stream) => "$$" + stream;

    /// <summary>Whether the stream is a snapshot stream or the metadata stream (<c>$$</c>) of one.</summary>
    public static bool Is(string streamId) =>
        streamId.StartsWith(Prefix, StringComparison.Ordinal) || streamId.AsSpan().StartsWith("$$" + Prefix, StringComparison.Ordinal);

    /// <summary>The port's filter (null: every stream) with snapshot streams hidden.</summary>
    public static bool Passes(StreamFilter? filter, string streamId) => !Is(streamId) && (filter is null || filter.Passes(streamId));
}

namespace FlashSale.EventStore.Snapshots;

/// <summary>
/// Snapshots of what a reader folded from one stream, so it can start from the latest one instead of replaying the
/// stream. A snapshot is a header and entries by key, written incrementally: each write upserts the entries that changed
/// since the write before, so its cost follows the events since then, not the size of the state. An optimization only:
/// a reader treats a missing or unusable snapshot as none and replays the stream.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The latest snapshot of <paramref name="streamId"/> with all its entries, or null when there is none.</summary>
    Task<StoredSnapshot?> ReadAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="snapshot"/> atomically. With <see cref="SnapshotWrite.BasedOn"/> null its entries replace
    /// every stored entry of the stream; otherwise they are upserted on top of the stored snapshot, which must be at
    /// <see cref="SnapshotWrite.BasedOn"/> or later.
    /// </summary>
    /// <returns>Whether it was written; when not, nothing was.</returns>
    Task<SnapshotWriteResult> WriteAsync(SnapshotWrite snapshot, CancellationToken cancellationToken = default);
}

/// <param name="Revision">The stream revision of the last event folded into the snapshot.</param>
/// <param name="EventId">The id of that event: a snapshot of a stream that now holds another event there is stale.</param>
/// <param name="Schema">What wrote it (format and the event types it knew); a reader uses only snapshots of its own schema.</param>
public sealed record StoredSnapshot(string StreamId, long Revision, Guid EventId, string Schema, ReadOnlyMemory<byte> Header,
    IReadOnlyList<SnapshotEntry> Entries);

public sealed record SnapshotEntry(string Key, ReadOnlyMemory<byte> Data);

/// <param name="BasedOn">The revision of the snapshot this one adds to; null to replace every entry.</param>
public sealed record SnapshotWrite(string StreamId, long Revision, Guid EventId, string Schema, ReadOnlyMemory<byte> Header,
    IReadOnlyList<SnapshotEntry> Entries, long? BasedOn);

public enum SnapshotWriteResult
{
    Written,

    /// <summary>The stored snapshot is at the snapshot's revision or later: another process went further.</summary>
    Superseded,

    /// <summary>The stored snapshot is missing or older than the write's base: only a replacing write can follow.</summary>
    BaseMissing,
}

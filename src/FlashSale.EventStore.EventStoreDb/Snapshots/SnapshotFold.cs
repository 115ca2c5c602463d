using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.EventStoreDb.Snapshots;

/// <summary>
/// Reads a snapshot stream forwards into the snapshot its last commit stands for: a replacing commit starts over, an
/// incremental one upserts its entries. A commit whose parts are not all there (or whose base is unknown) leaves no
/// snapshot until the next replacing one; parts without a commit are skipped.
/// </summary>
internal sealed class SnapshotFold
{
    private readonly Dictionary<Guid, List<(int Index, ReadOnlyMemory<byte> Data)>> _parts = [];
    private SnapshotCommit? _commit;
    private ReadOnlyMemory<byte> _header;
    private Dictionary<string, ReadOnlyMemory<byte>>? _entries;

    public void Add(RecordedEvent e)
    {
        if (e.Type == SnapshotStreams.PartType && SnapshotPart.Parse(e.Metadata.Span) is { } part)
        {
            if (!_parts.TryGetValue(part.Write, out var parts)) _parts[part.Write] = parts = [];
            parts.Add((part.Index, e.Data));
        }
        else if (e.Type == SnapshotStreams.CommitType) Commit(SnapshotCommit.Parse(e.Data));
    }

    public StoredSnapshot? Result(string streamId) =>
        _commit is { } commit && _entries is { } entries
            ? new StoredSnapshot(streamId, commit.Revision, commit.EventId, commit.Schema, _header,
                [.. entries.Select(e => new SnapshotEntry(e.Key, e.Value))])
            : null;

    private void Commit(SnapshotCommit commit)
    {
        _parts.Remove(commit.Write, out var parts);
        var blob = Join(parts ?? [], commit);
        var based = commit.BasedOn is not { } basedOn || (_commit is { } before && _entries is not null && before.Revision >= basedOn);
        if (blob is null || !based)
        {
            (_commit, _entries) = (null, null);
            return;
        }
        var (header, entries) = SnapshotBlob.Decode(blob.Value);
        if (commit.BasedOn is null || _entries is null) _entries = new Dictionary<string, ReadOnlyMemory<byte>>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries) _entries[entry.Key] = entry.Data;
        (_commit, _header) = (commit, header);
    }

    private static ReadOnlyMemory<byte>? Join(List<(int Index, ReadOnlyMemory<byte> Data)> parts, SnapshotCommit commit)
    {
        if (parts.Count != commit.Parts) return null;
        if (parts.Count == 1 && parts[0].Index == 0) return parts[0].Data.Length == commit.Length ? parts[0].Data : null;
        var blob = new byte[commit.Length];
        var at = 0L;
        for (var i = 0; i < parts.Count; i++)
        {
            var (index, data) = parts[i];
            if (index != i || at + data.Length > blob.Length) return null;
            data.Span.CopyTo(blob.AsSpan((int)at));
            at += data.Length;
        }
        return at == blob.Length ? blob : null;
    }
}

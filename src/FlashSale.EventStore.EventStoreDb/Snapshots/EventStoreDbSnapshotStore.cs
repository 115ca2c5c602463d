using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using FlashSale.EventStore.Snapshots;
using Microsoft.Extensions.Logging;

namespace FlashSale.EventStore.EventStoreDb.Snapshots;

/// <summary>
/// Snapshots on EventStoreDB (ADR 0021): a stream per snapshotted stream (<see cref="SnapshotStreams"/>), each write its
/// parts then a commit. A replacing write moves the stream's <c>$tb</c> to its first part, so the server hides and
/// scavenges every earlier write; incremental writes follow it until the next replacing one. Writers check the last commit
/// and append the commit with the stream revision they checked, so the one that loses a race writes nothing that counts.
/// </summary>
public sealed class EventStoreDbSnapshotStore : ISnapshotStore, IAsyncDisposable
{
    private const int MaxPartBytes = 256 * 1024;
    private const int MaxAttempts = 50;
    private const int MinCompactedBytes = 256 * 1024;
    private const int MaxMetadataAttempts = 5;

    private readonly EventStoreDbEventStore _events;
    private readonly bool _ownsConnection;
    private readonly ILogger _logger;

    /// <summary>Snapshots over the connection of <paramref name="events"/> (which stays the caller's).</summary>
    public EventStoreDbSnapshotStore(EventStoreDbEventStore events, ILogger<EventStoreDbSnapshotStore>? logger = null)
        : this(events, ownsConnection: false, logger) { }

    private EventStoreDbSnapshotStore(EventStoreDbEventStore events, bool ownsConnection, ILogger? logger) =>
        (_events, _ownsConnection, _logger) = (events, ownsConnection, logger ?? events.Logger);

    /// <summary>Snapshots over a connection of their own: a large snapshot write never queues the item appends behind it.</summary>
    public static EventStoreDbSnapshotStore Connect(string connectionString, ILogger<EventStoreDbSnapshotStore>? logger = null) =>
        new(EventStoreDbEventStore.Connect(connectionString), ownsConnection: true, logger);

    // What one append may carry; lowered when a server answers that its maximum append size is smaller.
    private int _appendBudget = 768 * 1024;

    public async Task<StoredSnapshot?> ReadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        var fold = new SnapshotFold();
        await foreach (var e in _events.ReadStreamAsync(SnapshotStreams.For(streamId), cancellationToken: cancellationToken))
            fold.Add(e);
        return fold.Result(streamId);
    }

    public async Task<SnapshotWriteResult> WriteAsync(SnapshotWrite snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshot.StreamId);
        var stream = SnapshotStreams.For(snapshot.StreamId);
        var blob = SnapshotBlob.Encode(snapshot.Header, snapshot.Entries);
        for (var attempt = 1; ; attempt++)
        {
            var (last, stored) = await ReadLastCommitAsync(stream, cancellationToken);
            if (stored?.Revision >= snapshot.Revision) return SnapshotWriteResult.Superseded;
            if (snapshot.BasedOn is { } basedOn && !(stored?.Revision >= basedOn)) return SnapshotWriteResult.BaseMissing;
            var (write, bytes) = (snapshot, blob);
            if (stored is { } before && snapshot.BasedOn is not null &&
                before.ChainLength - before.ReplacedLength + blob.Length > Math.Max(before.ReplacedLength, MinCompactedBytes) &&
                await CompactedAsync(snapshot, before, cancellationToken) is { } compacted)
                (write, bytes) = (compacted, SnapshotBlob.Encode(compacted.Header, compacted.Entries));
            long? first;
            try
            {
                first = await TryAppendAsync(stream, write, bytes, last, stored, cancellationToken);
            }
            catch (AppendTooLargeException tooLarge) when (_appendBudget > 1024)
            {
                var budget = tooLarge.MaxAppendSize > 0 ? (int)Math.Min(tooLarge.MaxAppendSize * 3 / 4, _appendBudget / 2) : _appendBudget / 2;
                _appendBudget = Math.Max(1024, budget);
                continue;
            }
            if (first is { } written)
            {
                if (write.BasedOn is null) await TruncateBeforeAsync(stream, written, cancellationToken);
                return SnapshotWriteResult.Written;
            }
            if (attempt >= MaxAttempts)
                throw new EventStoreUnavailableException($"The snapshot of '{snapshot.StreamId}' met other writers {MaxAttempts} times in a row.");
            // Another writer appended in between: look again, after a moment that differs between racing writers.
            await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
        }
    }

    /// <summary>
    /// Increments since the last replacing write hold more bytes than it did: the write becomes a replacing one (the stored
    /// snapshot with its entries upserted, the same state), so the stream is truncated again and a reader's cost keeps
    /// following the item's size, however long a writer keeps adding. Null when the stored snapshot is not the one checked.
    /// </summary>
    private async Task<SnapshotWrite?> CompactedAsync(SnapshotWrite snapshot, SnapshotCommit stored, CancellationToken cancellationToken)
    {
        if (await ReadAsync(snapshot.StreamId, cancellationToken) is not { } current || current.Revision != stored.Revision) return null;
        var entries = new Dictionary<string, SnapshotEntry>(current.Entries.Count + snapshot.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in current.Entries) entries[entry.Key] = entry;
        foreach (var entry in snapshot.Entries) entries[entry.Key] = entry;
        return snapshot with { Entries = [.. entries.Values], BasedOn = null };
    }

    /// <returns>The revision of the write's first part when its commit is appended; null when another writer's commit came
    /// after <paramref name="last"/> (nothing of this write counts).</returns>
    private async Task<long?> TryAppendAsync(string stream, SnapshotWrite snapshot, byte[] blob, long last, SnapshotCommit? stored,
        CancellationToken cancellationToken)
    {
        var write = Guid.NewGuid();
        var budget = _appendBudget;
        var partBytes = Math.Max(256, Math.Min(MaxPartBytes, budget / 2));
        var parts = new List<AppendReq>();
        for (var (at, index) = (0, 0); at < blob.Length; at += partBytes, index++)
            parts.Add(SnapshotRequests.Part(blob.AsMemory(at, Math.Min(partBytes, blob.Length - at)), new SnapshotPart(write, index)));
        var (chain, replaced) = snapshot.BasedOn is null || stored is null
            ? (blob.LongLength, blob.LongLength)
            : (stored.ChainLength + blob.Length, stored.ReplacedLength);
        SnapshotCommit Commit(long first) =>
            new(write, first, parts.Count, blob.Length, snapshot.Revision, snapshot.EventId, snapshot.Schema, snapshot.BasedOn, chain, replaced);

        // Small enough for one append: parts and commit at once, on the revision checked.
        var whole = SnapshotRequests.Commit(Commit(last + 1));
        if (parts.Sum(SnapshotRequests.SizeOf) + SnapshotRequests.SizeOf(whole) <= budget)
        {
            var response = await _events.AppendMessagesAsync(stream, ExpectedRevision.After(last), [.. parts, whole], cancellationToken);
            return response.ResultCase == AppendResp.ResultOneofCase.Success ? last + 1 : null;
        }

        // Larger: parts in as many appends as it takes (anyone's order), then the commit, only if no commit came meanwhile.
        var known = last;
        long? firstPart = null;
        foreach (var group in Groups(parts, budget))
        {
            var end = Revision(await _events.AppendMessagesAsync(stream, ExpectedRevision.Any, group, cancellationToken), stream);
            var start = end - group.Count + 1;
            if (start > known + 1 && await CommitBetweenAsync(stream, known + 1, start - 1, cancellationToken)) return null;
            firstPart ??= start;
            known = end;
        }
        var commit = SnapshotRequests.Commit(Commit(firstPart!.Value));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var response = await _events.AppendMessagesAsync(stream, ExpectedRevision.Exact(known), [commit], cancellationToken);
            if (response.ResultCase == AppendResp.ResultOneofCase.Success) return firstPart;
            var actual = Actual(response.WrongExpectedVersion);
            if (actual <= known || await CommitBetweenAsync(stream, known + 1, actual, cancellationToken)) return null;
            known = actual;
        }
        return null;
    }

    private static IEnumerable<List<AppendReq>> Groups(List<AppendReq> parts, int budget)
    {
        var group = new List<AppendReq>();
        var size = 0;
        foreach (var part in parts)
        {
            var bytes = SnapshotRequests.SizeOf(part);
            if (group.Count > 0 && size + bytes > budget)
            {
                yield return group;
                (group, size) = ([], 0);
            }
            group.Add(part);
            size += bytes;
        }
        if (group.Count > 0) yield return group;
    }

    private async Task<bool> CommitBetweenAsync(string stream, long from, long to, CancellationToken cancellationToken)
    {
        await foreach (var e in _events.ReadStreamAsync(stream, from, (int)Math.Min(int.MaxValue, to - from + 1), cancellationToken))
            if (e.Type == SnapshotStreams.CommitType) return true;
        return false;
    }

    /// <summary>The stream's last revision (-1: none) and its last commit, read backwards past parts of unfinished writes.</summary>
    private async Task<(long Last, SnapshotCommit? Commit)> ReadLastCommitAsync(string stream, CancellationToken cancellationToken)
    {
        // Usually the last event is the commit: read it alone, not the parts before it.
        var want = 1;
        var (page, last) = await _events.ReadStreamEndAsync(stream, -1, want, cancellationToken);
        while (true)
        {
            foreach (var e in page)
                if (e.Event.Metadata.GetValueOrDefault(WireEvents.TypeKey) == SnapshotStreams.CommitType)
                    return (last, TryParse(e.Event.Data.Memory));
            if (page.Count < want || page[^1].Event.StreamRevision == 0) return (last, null);
            want = 8;
            (page, _) = await _events.ReadStreamEndAsync(stream, (long)page[^1].Event.StreamRevision - 1, want, cancellationToken);
        }
    }

    /// <summary>A commit that cannot be read is no snapshot to a reader: a replacing write may follow it, an incremental
    /// one has no base.</summary>
    private static SnapshotCommit? TryParse(ReadOnlyMemory<byte> data)
    {
        try
        {
            return SnapshotCommit.Parse(data);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves the stream's <c>$tb</c> up to <paramref name="first"/>: the metadata stream's last event is read, its other
    /// properties (an operator's <c>$maxAge</c>, <c>$acl</c>, ...) are kept, and the new metadata is appended on the revision
    /// read, so two writers never put an older <c>$tb</c> over a newer one. A failure leaves the snapshot written: earlier
    /// writes stay readable (and are skipped) until the next replacing write; it is logged, not thrown.
    /// </summary>
    private async Task TruncateBeforeAsync(string stream, long first, CancellationToken cancellationToken)
    {
        if (first == 0) return;
        var metastream = SnapshotStreams.MetadataOf(stream);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var (page, last) = await _events.ReadStreamEndAsync(metastream, -1, 1, cancellationToken);
                var current = page.Count == 1 ? page[0].Event : null;
                if (SnapshotRequests.TruncateBefore(first, current) is not { } metadata) return;
                var expected = last < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(last);
                var response = await _events.AppendMessagesAsync(metastream, expected, [metadata], cancellationToken);
                if (response.ResultCase == AppendResp.ResultOneofCase.Success) return;
                if (attempt == MaxMetadataAttempts)
                    throw new InvalidOperationException($"'{metastream}' moved under {MaxMetadataAttempts} attempts in a row.");
            }
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.SnapshotTruncateFailed(error, stream, first);
        }
    }

    private static long Revision(AppendResp response, string stream) =>
        response.ResultCase == AppendResp.ResultOneofCase.Success &&
        response.Success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
            ? (long)response.Success.CurrentRevision
            : throw new InvalidDataException($"EventStoreDB did not acknowledge an append to '{stream}' with expected revision any.");

    private static long Actual(AppendResp.Types.WrongExpectedVersion wrong) =>
        wrong.CurrentRevisionOptionCase == AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision
            ? (long)wrong.CurrentRevision
            : -1;

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection) await _events.DisposeAsync();
    }
}

using FlashSale.Application.CommandPath.Snapshots;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.Application.CommandPath;

/// <summary>How the writer loaded its item: from a snapshot (and how many events after it), or by replaying the whole stream
/// and why no snapshot was used.</summary>
public sealed record ItemLoad(long? SnapshotRevision, long EventsFolded, string? WhyNoSnapshot);

public sealed partial class ItemWriter
{
    private SnapshotChanges _changes = new();
    private SnapshotLayout _layout = new();
    // The revision of the stored snapshot this writer's changes add to; null: the next snapshot replaces every entry.
    private long? _snapshotBase;
    private long _nextSnapshotAt;
    private Guid _lastEventId;
    private (Task<SnapshotWriteResult> Write, SnapshotWrite Snapshot, SnapshotChanges? Changes)? _snapshotWrite;

    /// <summary>How the item was loaded when the writer first read its stream; null until then.</summary>
    public ItemLoad? LastLoad { get; private set; }

    private bool SnapshotsOn => _snapshots is not null && _options.SnapshotEvery > 0;

    /// <returns>Why no snapshot was used; null when the item is now the snapshot's.</returns>
    private async Task<string?> LoadSnapshotAsync()
    {
        if (!SnapshotsOn) return "snapshots are off";
        StoredSnapshot? stored;
        try
        {
            stored = await _snapshots!.ReadAsync(_streamId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return NotUsed($"the snapshot cannot be read ({ex.Message})");
        }
        if (stored is null) return "no snapshot";
        if (stored.Schema != ItemSnapshot.Schema) return NotUsed($"the snapshot's schema is {stored.Schema}, this version's {ItemSnapshot.Schema}");
        try
        {
            var snapshot = ItemSnapshot.Read(stored);
            RecordedEvent? last = null;
            await foreach (var recorded in _store.ReadStreamAsync(_streamId, stored.Revision, 1)) last = recorded;
            if (last is null || last.StreamRevision != stored.Revision || last.EventId != stored.EventId)
                return NotUsed($"the stream holds another event at revision {stored.Revision} than the snapshot");
            (_state, _revision, _lastEventId, _layout) = (snapshot.State, snapshot.Revision, snapshot.EventId, snapshot.Layout);
            (_orderPositions, _restockPositions) = (snapshot.OrderPositions, snapshot.RestockPositions);
            (_snapshotBase, _nextSnapshotAt) = (snapshot.Revision, snapshot.Revision + _options.SnapshotEvery);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A snapshot is an optimization: one that cannot be read is none.
            return NotUsed($"the snapshot cannot be read ({ex.Message})");
        }
    }

    private string NotUsed(string why)
    {
        _logger.SnapshotNotUsed(_streamId, why);
        return why;
    }

    /// <summary>Between batches: takes in the last snapshot write's result and starts the next write when it is due. The
    /// entries are read here, on the writer, from the item as durable; the store writes them off the writer's thread.</summary>
    private void SnapshotIfDue()
    {
        if (!SnapshotsOn) return;
        if (_snapshotWrite is { } previous)
        {
            if (!previous.Write.IsCompleted) return;
            TakeIn(previous);
            _snapshotWrite = null;
        }
        if (_revision < _nextSnapshotAt || _state is not Listed listed) return;
        var changes = _snapshotBase is null ? null : _changes;
        var snapshot = ItemSnapshot.Write(_streamId, listed, _revision, _lastEventId, _layout, changes, _snapshotBase,
            _orderPositions, _restockPositions);
        _changes = new SnapshotChanges();
        // A replacing write costs the whole item: if it is not taken (another process is further), the next try waits at least
        // as many events as it has orders, buyers and restocks (not entries: one chunk holds thousands).
        var slots = _layout.Orders.Count + _layout.Users.Count + _layout.Restocks.Count;
        _nextSnapshotAt = _revision + Math.Max(_options.SnapshotEvery, changes is null ? slots : 0);
        _snapshotWrite = (Task.Run(() => _snapshots!.WriteAsync(snapshot)), snapshot, changes);
    }

    private void TakeIn((Task<SnapshotWriteResult> Write, SnapshotWrite Snapshot, SnapshotChanges? Changes) write)
    {
        var result = write.Write.IsCompletedSuccessfully ? write.Write.Result : (SnapshotWriteResult?)null;
        if (result == SnapshotWriteResult.Written)
        {
            _snapshotBase = write.Snapshot.Revision;
            // Only a replacing write that was not taken waits longer: from a written one, the next adds its changes.
            _nextSnapshotAt = Math.Min(_nextSnapshotAt, write.Snapshot.Revision + _options.SnapshotEvery);
        }
        else if (result == SnapshotWriteResult.BaseMissing) _snapshotBase = null;
        // Not written (another process is further, or the store failed): the next write must still carry these changes.
        else if (write.Changes is not null) _changes.Add(write.Changes);
    }

    private async Task FinishSnapshotAsync()
    {
        if (_snapshotWrite is not { } pending) return;
        try
        {
            await pending.Write;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing depends on it: the next start replays what the snapshot would have held.
        }
    }
}

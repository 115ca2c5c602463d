using FlashSale.Projections;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// The rows a writer touched last, in two generations of at most half the limit each: rows go to the young one, and
/// when it is full it becomes the old one and the old one's rows are dropped. A row found in the old generation is
/// written back to the young one by the batch that touched it, so a row in use stays while one that is not goes after
/// at most the limit's worth of others. Small for live writers (ADR 0040): a row kept for seconds outlives the GC's
/// young generations and is copied twice before it is dropped; a batch's rows and the next few batches' are what hit.
/// </summary>
internal sealed class RowCache(int limit)
{
    private readonly int _generationSize = Math.Max(1, limit / 2);
    private Dictionary<RowKey, object?> _young = new();
    private Dictionary<RowKey, object?> _old = new();

    /// <summary>Whether a row was ever dropped to make room (or everything by <see cref="Clear"/>): from then on a key
    /// missing here may have a row.</summary>
    public bool DroppedAny { get; private set; }

    public int Count => _young.Count + _old.Count;

    /// <summary>A null row is a key known to have no row.</summary>
    public bool TryGet(RowKey key, out object? row) => _young.TryGetValue(key, out row) || _old.TryGetValue(key, out row);

    /// <summary>Remembers <paramref name="row"/> as the key's row (null: none) in the young generation.</summary>
    public void Set(RowKey key, object? row)
    {
        if (!_young.ContainsKey(key)) MakeRoom();
        _young[key] = row;
    }

    public void Clear()
    {
        DroppedAny = true;
        _young.Clear();
        _old.Clear();
    }

    private void MakeRoom()
    {
        if (_young.Count < _generationSize) return;
        if (_old.Count > 0) DroppedAny = true;
        (_old, _young) = (_young, _old);
        _young.Clear();
    }
}

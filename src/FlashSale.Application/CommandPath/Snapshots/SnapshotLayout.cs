using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>Where every order id, buyer and restock operation sits in the snapshot: slots in the order the stream first
/// named them, <see cref="ChunkSize"/> slots to an entry. The stream fixes the layout, so every writer of one schema lays
/// out the same item the same way and an incremental write may land on a snapshot another process wrote (ADR 0022).</summary>
internal sealed class SnapshotLayout
{
    public const int ChunkSize = 2_048;

    public SlotTable Orders { get; init; } = new(0);

    public SlotTable Users { get; init; } = new(0);

    public SlotTable Restocks { get; init; } = new(0);

    /// <summary>Gives the keys <paramref name="event"/> names their slots, and notes the chunks it changes.</summary>
    public void Record(ItemEvent @event, SnapshotChanges changes)
    {
        switch (@event)
        {
            case StockReserved e:
                changes.Orders.Add(Orders.SlotOf(e.OrderId) / ChunkSize);
                changes.Users.Add(Users.SlotOf(e.UserId) / ChunkSize);
                break;
            case StockReleased e:
                changes.Orders.Add(Orders.SlotOf(e.OrderId) / ChunkSize);
                changes.Users.Add(Users.SlotOf(e.UserId) / ChunkSize);
                break;
            case OrderEvent e:
                changes.Orders.Add(Orders.SlotOf(e.OrderId) / ChunkSize);
                break;
            case ItemRestocked { OperationId: { } id }:
                changes.Restocks.Add(Restocks.SlotOf(id) / ChunkSize);
                break;
        }
    }

    public static int ChunksOf(int slots) => (slots + ChunkSize - 1) / ChunkSize;
}

/// <summary>Keys by slot, in the order they were first given one.</summary>
internal sealed class SlotTable(int capacity)
{
    private readonly Dictionary<string, int> _slots = new(capacity, StringComparer.Ordinal);
    private readonly List<string> _keys = new(capacity);

    public int Count => _keys.Count;

    public string this[int slot] => _keys[slot];

    public int SlotOf(string key)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_slots, key, out var known);
        if (known) return slot;
        slot = _keys.Count;
        _keys.Add(key);
        return slot;
    }

    /// <summary>The keys of chunk <paramref name="chunk"/>, in slot order.</summary>
    public ReadOnlySpan<string> Chunk(int chunk)
    {
        var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys);
        var start = chunk * SnapshotLayout.ChunkSize;
        return keys.Slice(start, Math.Min(SnapshotLayout.ChunkSize, keys.Length - start));
    }

    /// <summary>Appends the next slot while loading; a key twice means the snapshot is damaged.</summary>
    public void Add(string key)
    {
        if (!_slots.TryAdd(key, _keys.Count)) throw new InvalidDataException($"the snapshot holds '{key}' twice");
        _keys.Add(key);
    }
}

/// <summary>The chunks whose entries changed since the last snapshot written.</summary>
internal sealed class SnapshotChanges
{
    public HashSet<int> Orders { get; } = [];

    public HashSet<int> Users { get; } = [];

    public HashSet<int> Restocks { get; } = [];

    /// <summary>Takes back the changes of a write that did not happen, so the next one still covers them.</summary>
    public void Add(SnapshotChanges unwritten)
    {
        Orders.UnionWith(unwritten.Orders);
        Users.UnionWith(unwritten.Users);
        Restocks.UnionWith(unwritten.Restocks);
    }
}

using FlashSale.Domain.Collections;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>What the chunks are decoded into: the item's maps built in bulk, presized from the header's counts.</summary>
internal sealed class SnapshotLoad(SnapshotCounts counts)
{
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);

    public SnapshotLayout Layout { get; } = new()
    {
        Orders = new SlotTable(counts.OrderSlots), Users = new SlotTable(counts.UserSlots), Restocks = new SlotTable(counts.RestockSlots),
    };

    public PersistentMap<OrderRecord>.Builder Orders { get; } = PersistentMap<OrderRecord>.CreateBuilder(counts.Orders);

    public PersistentMap<SaleClosed>.Builder Closed { get; } = PersistentMap<SaleClosed>.CreateBuilder(counts.Closed);

    public PersistentMap<int>.Builder Holdings { get; } = PersistentMap<int>.CreateBuilder(counts.Holdings);

    public PersistentMap<RestockRecord>.Builder Restocks { get; } = PersistentMap<RestockRecord>.CreateBuilder(counts.Restocks);

    public Dictionary<string, OrderPositions> OrderPositions { get; } = new(counts.OrderSlots, StringComparer.Ordinal);

    public Dictionary<string, LogPosition> RestockPositions { get; } = new(counts.RestockSlots, StringComparer.Ordinal);

    /// <summary>Rejection reasons are a handful of codes: one string each, not one per order.</summary>
    public string Intern(string value)
    {
        ref var interned = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_interned, value, out var known);
        return known ? interned! : interned = value;
    }
}

/// <summary>How many slots the layout has and how many entries each map holds: the header's promise, checked after decoding.</summary>
internal sealed record SnapshotCounts(int OrderSlots, int UserSlots, int RestockSlots, int Orders, int Closed, int Holdings, int Restocks);

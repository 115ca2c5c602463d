namespace FlashSale.Projections.Inventory;

/// <summary>The <c>inventory</c> table: one row per listed item.</summary>
public static class InventoryTable
{
    public static readonly Column<InventoryRow, string> ItemId = Column.Text<InventoryRow>("item_id", r => r.ItemId);
    public static readonly Column<InventoryRow, string> Name = Column.Text<InventoryRow>("name", r => r.Name);
    public static readonly Column<InventoryRow, int> PerUserLimit = Column.Integer<InventoryRow>("per_user_limit", r => r.PerUserLimit);
    public static readonly Column<InventoryRow, DateTimeOffset?> SaleStartsAt = Column.NullableTimestamp<InventoryRow>("sale_starts_at", r => r.SaleStartsAt);
    public static readonly Column<InventoryRow, DateTimeOffset?> SaleEndsAt = Column.NullableTimestamp<InventoryRow>("sale_ends_at", r => r.SaleEndsAt);
    public static readonly Column<InventoryRow, int> InitialStock = Column.Integer<InventoryRow>("initial_stock", r => r.InitialStock);
    public static readonly Column<InventoryRow, int> Restocked = Column.Integer<InventoryRow>("restocked", r => r.Restocked);
    public static readonly Column<InventoryRow, int> Available = Column.Integer<InventoryRow>("available", r => r.Available);
    public static readonly Column<InventoryRow, int> Reserved = Column.Integer<InventoryRow>("reserved", r => r.Reserved);
    public static readonly Column<InventoryRow, int> Sold = Column.Integer<InventoryRow>("sold", r => r.Sold);
    public static readonly Column<InventoryRow, int> Released = Column.Integer<InventoryRow>("released", r => r.Released);
    public static readonly Column<InventoryRow, int> RejectedOrders = Column.Integer<InventoryRow>("rejected_orders", r => r.RejectedOrders);
    public static readonly Column<InventoryRow, string> LastPosition = Column.Text<InventoryRow>("last_position", r => r.LastPosition);
    public static readonly Column<InventoryRow, DateTimeOffset> UpdatedAt = Column.Timestamp<InventoryRow>("updated_at", r => r.UpdatedAt);

    /// <summary>Declared after its columns (static fields initialise in order); columns in on-disk order, key first.</summary>
    public static readonly ReadModelTable<InventoryRow> Definition = new("inventory",
        [ItemId, Name, PerUserLimit, SaleStartsAt, SaleEndsAt, InitialStock, Restocked, Available, Reserved, Sold, Released, RejectedOrders,
            LastPosition, UpdatedAt],
        v => new InventoryRow(ItemId.Read(v), Name.Read(v), PerUserLimit.Read(v), SaleStartsAt.Read(v), SaleEndsAt.Read(v),
            InitialStock.Read(v), Restocked.Read(v), Available.Read(v), Reserved.Read(v), Sold.Read(v), Released.Read(v),
            RejectedOrders.Read(v), LastPosition.Read(v), UpdatedAt.Read(v)),
        lastPosition: LastPosition);
}

namespace FlashSale.Projections.OrderItems;

/// <summary>The <c>order_items</c> table, keyed by (order, item) so an ambiguous order id keeps all its items.</summary>
public static class OrderItemTable
{
    public static readonly Column<OrderItemRow, string> OrderId = Column.Text<OrderItemRow>("order_id", r => r.OrderId);
    public static readonly Column<OrderItemRow, string> ItemId = Column.Text<OrderItemRow>("item_id", r => r.ItemId);
    public static readonly Column<OrderItemRow, string> PlacedPosition = Column.Text<OrderItemRow>("placed_position", r => r.PlacedPosition);

    /// <summary>Declared after its columns (static fields initialise in order).</summary>
    public static readonly ReadModelTable<OrderItemRow> Definition = new("order_items", [OrderId, ItemId, PlacedPosition],
        v => new OrderItemRow(OrderId.Read(v), ItemId.Read(v), PlacedPosition.Read(v)),
        lastPosition: PlacedPosition, key: [OrderId, ItemId]);

    public static RowKey KeyOf(string itemId, string orderId) => new(orderId, itemId);
}

namespace FlashSale.Projections.OrderStatus;

/// <summary>
/// The <c>order_status</c> table: one row per placed order, found by user (their orders) and by item. An order id is
/// the client's idempotency key per item, so two processes can each accept one id on a different item: the row is keyed
/// by (order, item), order first so that a lookup by order id alone (which finds both) reads the key's prefix.
/// </summary>
public static class OrderStatusTable
{
    public static readonly Column<OrderStatusRow, string> OrderId = Column.Text<OrderStatusRow>("order_id", r => r.OrderId);
    public static readonly Column<OrderStatusRow, string> ItemId = Column.Text<OrderStatusRow>("item_id", r => r.ItemId);
    public static readonly Column<OrderStatusRow, string> UserId = Column.Text<OrderStatusRow>("user_id", r => r.UserId);
    public static readonly Column<OrderStatusRow, int> Quantity = Column.Integer<OrderStatusRow>("quantity", r => r.Quantity);
    public static readonly Column<OrderStatusRow, string> Status = Column.Text<OrderStatusRow>("status", r => r.Status);
    public static readonly Column<OrderStatusRow, string?> Reason = Column.NullableText<OrderStatusRow>("reason", r => r.Reason);
    public static readonly Column<OrderStatusRow, DateTimeOffset> PlacedAt = Column.Timestamp<OrderStatusRow>("placed_at", r => r.PlacedAt);
    public static readonly Column<OrderStatusRow, DateTimeOffset?> ReservedAt = Column.NullableTimestamp<OrderStatusRow>("reserved_at", r => r.ReservedAt);
    public static readonly Column<OrderStatusRow, DateTimeOffset?> ReservedUntil =
        Column.NullableTimestamp<OrderStatusRow>("reserved_until", r => r.ReservedUntil);
    public static readonly Column<OrderStatusRow, DateTimeOffset?> RejectedAt = Column.NullableTimestamp<OrderStatusRow>("rejected_at", r => r.RejectedAt);
    public static readonly Column<OrderStatusRow, DateTimeOffset?> ConfirmedAt = Column.NullableTimestamp<OrderStatusRow>("confirmed_at", r => r.ConfirmedAt);
    public static readonly Column<OrderStatusRow, string?> PaymentReference =
        Column.NullableText<OrderStatusRow>("payment_reference", r => r.PaymentReference);
    public static readonly Column<OrderStatusRow, DateTimeOffset?> TimedOutAt = Column.NullableTimestamp<OrderStatusRow>("timed_out_at", r => r.TimedOutAt);
    public static readonly Column<OrderStatusRow, DateTimeOffset?> DiscardedAt = Column.NullableTimestamp<OrderStatusRow>("discarded_at", r => r.DiscardedAt);
    public static readonly Column<OrderStatusRow, int> Retries = Column.Integer<OrderStatusRow>("retries", r => r.Retries);
    public static readonly Column<OrderStatusRow, string> LastPosition = Column.Text<OrderStatusRow>("last_position", r => r.LastPosition);
    public static readonly Column<OrderStatusRow, DateTimeOffset> UpdatedAt = Column.Timestamp<OrderStatusRow>("updated_at", r => r.UpdatedAt);

    /// <summary>Declared after its columns (static fields initialise in order); columns in on-disk order, key first.</summary>
    public static readonly ReadModelTable<OrderStatusRow> Definition = new("order_status",
        [OrderId, ItemId, UserId, Quantity, Status, Reason, PlacedAt, ReservedAt, ReservedUntil, RejectedAt, ConfirmedAt, PaymentReference,
            TimedOutAt, DiscardedAt, Retries, LastPosition, UpdatedAt],
        v => new OrderStatusRow(OrderId.Read(v), ItemId.Read(v), UserId.Read(v), Quantity.Read(v), Status.Read(v), Reason.Read(v),
            PlacedAt.Read(v), ReservedAt.Read(v), ReservedUntil.Read(v), RejectedAt.Read(v), ConfirmedAt.Read(v), PaymentReference.Read(v),
            TimedOutAt.Read(v), DiscardedAt.Read(v), Retries.Read(v), LastPosition.Read(v), UpdatedAt.Read(v)),
        indexes: [[UserId, PlacedAt], [ItemId]],
        lastPosition: LastPosition,
        key: [OrderId, ItemId]);

    public static RowKey KeyOf(string itemId, string orderId) => new(orderId, itemId);
}

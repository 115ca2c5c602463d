namespace FlashSale.Projections.PendingReservations;

/// <summary>The <c>pending_reservations</c> table, keyed by (item, order) as the payments worker keys them.</summary>
public static class PendingReservationTable
{
    public static readonly Column<PendingReservationRow, string> ItemId = Column.Text<PendingReservationRow>("item_id", r => r.ItemId);
    public static readonly Column<PendingReservationRow, string> OrderId = Column.Text<PendingReservationRow>("order_id", r => r.OrderId);
    public static readonly Column<PendingReservationRow, string> UserId = Column.Text<PendingReservationRow>("user_id", r => r.UserId);
    public static readonly Column<PendingReservationRow, int> Quantity = Column.Integer<PendingReservationRow>("quantity", r => r.Quantity);
    public static readonly Column<PendingReservationRow, DateTimeOffset> ReservedUntil =
        Column.Timestamp<PendingReservationRow>("reserved_until", r => r.ReservedUntil);
    public static readonly Column<PendingReservationRow, int> Retry = Column.Integer<PendingReservationRow>("retry", r => r.Retry);
    public static readonly Column<PendingReservationRow, int> ChargeStarted = Column.Integer<PendingReservationRow>("charge_started", r => r.ChargeStarted);
    public static readonly Column<PendingReservationRow, string?> CorrelationId =
        Column.NullableText<PendingReservationRow>("correlation_id", r => r.CorrelationId);
    public static readonly Column<PendingReservationRow, string> LastPosition = Column.Text<PendingReservationRow>("last_position", r => r.LastPosition);

    /// <summary>Declared after its columns (static fields initialise in order).</summary>
    public static readonly ReadModelTable<PendingReservationRow> Definition = new("pending_reservations",
        [ItemId, OrderId, UserId, Quantity, ReservedUntil, Retry, ChargeStarted, CorrelationId, LastPosition],
        v => new PendingReservationRow(ItemId.Read(v), OrderId.Read(v), UserId.Read(v), Quantity.Read(v), ReservedUntil.Read(v), Retry.Read(v),
            ChargeStarted.Read(v), CorrelationId.Read(v), LastPosition.Read(v)),
        lastPosition: LastPosition, key: [ItemId, OrderId]);

    public static RowKey KeyOf(string itemId, string orderId) => new(itemId, orderId);
}

namespace FlashSale.Projections.DeadLetters;

/// <summary>The <c>dead_letters</c> table: one row per failed order, listed by state or item, oldest failure first; keyed
/// by (order, item) like <see cref="OrderStatus.OrderStatusTable"/>, since one order id can be an order on two items.</summary>
public static class DeadLetterTable
{
    public static readonly Column<DeadLetterRow, string> OrderId = Column.Text<DeadLetterRow>("order_id", r => r.OrderId);
    public static readonly Column<DeadLetterRow, string> ItemId = Column.Text<DeadLetterRow>("item_id", r => r.ItemId);
    public static readonly Column<DeadLetterRow, string> State = Column.Text<DeadLetterRow>("state", r => r.State);
    public static readonly Column<DeadLetterRow, string> Reason = Column.Text<DeadLetterRow>("reason", r => r.Reason);
    public static readonly Column<DeadLetterRow, int> Attempts = Column.Integer<DeadLetterRow>("attempts", r => r.Attempts);
    public static readonly Column<DeadLetterRow, int> Retries = Column.Integer<DeadLetterRow>("retries", r => r.Retries);
    public static readonly Column<DeadLetterRow, DateTimeOffset> FirstFailedAt = Column.Timestamp<DeadLetterRow>("first_failed_at", r => r.FirstFailedAt);
    public static readonly Column<DeadLetterRow, DateTimeOffset> LastFailedAt = Column.Timestamp<DeadLetterRow>("last_failed_at", r => r.LastFailedAt);
    public static readonly Column<DeadLetterRow, DateTimeOffset?> LastRetriedAt =
        Column.NullableTimestamp<DeadLetterRow>("last_retried_at", r => r.LastRetriedAt);
    public static readonly Column<DeadLetterRow, DateTimeOffset?> DiscardedAt = Column.NullableTimestamp<DeadLetterRow>("discarded_at", r => r.DiscardedAt);
    public static readonly Column<DeadLetterRow, string?> DiscardReason = Column.NullableText<DeadLetterRow>("discard_reason", r => r.DiscardReason);
    public static readonly Column<DeadLetterRow, string?> LastActor = Column.NullableText<DeadLetterRow>("last_actor", r => r.LastActor);
    public static readonly Column<DeadLetterRow, string> LastPosition = Column.Text<DeadLetterRow>("last_position", r => r.LastPosition);
    public static readonly Column<DeadLetterRow, int> Refunds = Column.Integer<DeadLetterRow>("refunds", r => r.Refunds);
    public static readonly Column<DeadLetterRow, string?> RefundReference = Column.NullableText<DeadLetterRow>("refund_reference", r => r.RefundReference);

    /// <summary>Declared after its columns (static fields initialise in order); columns in on-disk order, key first.</summary>
    public static readonly ReadModelTable<DeadLetterRow> Definition = new("dead_letters",
        [OrderId, ItemId, State, Reason, Attempts, Retries, FirstFailedAt, LastFailedAt, LastRetriedAt, DiscardedAt, DiscardReason, LastActor,
            LastPosition, Refunds, RefundReference],
        v => new DeadLetterRow(OrderId.Read(v), ItemId.Read(v), State.Read(v), Reason.Read(v), Attempts.Read(v), Retries.Read(v),
            FirstFailedAt.Read(v), LastFailedAt.Read(v), LastRetriedAt.Read(v), DiscardedAt.Read(v), DiscardReason.Read(v), LastActor.Read(v),
            LastPosition.Read(v), Refunds.Read(v), RefundReference.Read(v)),
        indexes: [[State, FirstFailedAt], [ItemId, FirstFailedAt]],
        lastPosition: LastPosition,
        key: [OrderId, ItemId]);

    public static RowKey KeyOf(string itemId, string orderId) => new(orderId, itemId);
}

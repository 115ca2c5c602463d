using FlashSale.Domain.Items;

namespace FlashSale.Projections.OrderStatus;

public sealed class OrderStatusProjection : Projection<OrderStatusRow>
{
    public const string ProjectionName = "order-status";

    public override string Name => ProjectionName;

    public override ReadModelTable Table { get; } = new("order_status",
    [
        new("order_id", ColumnType.Text), new("item_id", ColumnType.Text), new("user_id", ColumnType.Text),
        new("quantity", ColumnType.Integer), new("status", ColumnType.Text), new("reason", ColumnType.Text, Nullable: true),
        new("placed_at", ColumnType.Timestamp), new("reserved_at", ColumnType.Timestamp, Nullable: true),
        new("reserved_until", ColumnType.Timestamp, Nullable: true), new("rejected_at", ColumnType.Timestamp, Nullable: true),
        new("confirmed_at", ColumnType.Timestamp, Nullable: true), new("payment_reference", ColumnType.Text, Nullable: true),
        new("timed_out_at", ColumnType.Timestamp, Nullable: true), new("discarded_at", ColumnType.Timestamp, Nullable: true),
        new("retries", ColumnType.Integer), new("last_position", ColumnType.Text), new("updated_at", ColumnType.Timestamp),
    ], [["user_id", "placed_at"], ["item_id"]]);

    public override string? KeyOf(ProjectedEvent @event) => (@event.Event as OrderEvent)?.OrderId;

    public override OrderStatusRow? Apply(OrderStatusRow? row, ProjectedEvent @event)
    {
        if (row is null)
            return @event.Event is OrderPlaced placed
                ? new OrderStatusRow(placed.OrderId, placed.ItemId, placed.UserId, placed.Quantity, OrderStatuses.Placed, null,
                    placed.PlacedAt, null, null, null, null, null, null, null, 0, @event.Position.ToToken(), @event.Recorded)
                : null; // outcome of an order the log never placed: nothing to show
        var next = @event.Event switch
        {
            StockReserved e => row with { Status = OrderStatuses.Reserved, ReservedAt = @event.Recorded, ReservedUntil = e.ReservedUntil },
            OrderRejected e => row with { Status = OrderStatuses.Rejected, Reason = e.Reason, RejectedAt = e.RejectedAt },
            PaymentConfirmed e => row with { Status = OrderStatuses.Confirmed, ConfirmedAt = e.ConfirmedAt, PaymentReference = e.PaymentReference },
            PaymentTimedOut e => row with { Status = OrderStatuses.TimedOut, Reason = e.Cause, TimedOutAt = e.TimedOutAt },
            DeadLetterRetried e => row with { Retries = e.Retry },
            DeadLetterRetryFailed e => row with { Retries = e.Retry },
            DeadLetterDiscarded e => row with { Status = OrderStatuses.Discarded, Reason = e.Reason, DiscardedAt = e.DiscardedAt },
            _ => row,
        };
        return next with { LastPosition = @event.Position.ToToken(), UpdatedAt = @event.Recorded };
    }

    public override object?[] ToValues(OrderStatusRow r) =>
    [
        r.OrderId, r.ItemId, r.UserId, (long)r.Quantity, r.Status, r.Reason, Values.Timestamp(r.PlacedAt),
        Values.Timestamp(r.ReservedAt), Values.Timestamp(r.ReservedUntil), Values.Timestamp(r.RejectedAt),
        Values.Timestamp(r.ConfirmedAt), r.PaymentReference, Values.Timestamp(r.TimedOutAt), Values.Timestamp(r.DiscardedAt),
        (long)r.Retries, r.LastPosition, Values.Timestamp(r.UpdatedAt),
    ];

    public override OrderStatusRow FromValues(IReadOnlyList<object?> v) => new(
        Values.ToText(v[0]), Values.ToText(v[1]), Values.ToText(v[2]), Values.ToInt(v[3]), Values.ToText(v[4]),
        Values.ToNullableText(v[5]), Values.ToTimestamp(v[6])!.Value, Values.ToTimestamp(v[7]), Values.ToTimestamp(v[8]),
        Values.ToTimestamp(v[9]), Values.ToTimestamp(v[10]), Values.ToNullableText(v[11]), Values.ToTimestamp(v[12]),
        Values.ToTimestamp(v[13]), Values.ToInt(v[14]), Values.ToText(v[15]), Values.ToTimestamp(v[16])!.Value);
}

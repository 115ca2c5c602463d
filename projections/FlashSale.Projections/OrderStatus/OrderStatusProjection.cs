using FlashSale.Domain.Items;

namespace FlashSale.Projections.OrderStatus;

public sealed class OrderStatusProjection : Projection<OrderStatusRow>
{
    public const string ProjectionName = "order-status";

    public override string Name => ProjectionName;

    public override ReadModelTable<OrderStatusRow> Table => OrderStatusTable.Definition;

    public override RowKey? KeyOf(ProjectedEvent @event) =>
        @event.Event is OrderEvent e ? OrderStatusTable.KeyOf(e.ItemId, e.OrderId) : (RowKey?)null;

    public override OrderStatusRow? Apply(OrderStatusRow? row, ProjectedEvent @event)
    {
        if (row is null)
            return @event.Event is OrderPlaced placed
                ? new OrderStatusRow(placed.OrderId, placed.ItemId, placed.UserId, placed.Quantity, OrderStatuses.Placed, null,
                    placed.PlacedAt, null, null, null, null, null, null, null, 0, @event.PositionToken, @event.Recorded)
                : null; // outcome of an order the log never placed: nothing to show
        // One copy of the row per event.
        var (position, at) = (@event.PositionToken, @event.Recorded);
        return @event.Event switch
        {
            StockReserved e => row with
            {
                Status = OrderStatuses.Reserved, ReservedAt = at, ReservedUntil = e.ReservedUntil, LastPosition = position, UpdatedAt = at,
            },
            OrderRejected e => row with
            {
                Status = OrderStatuses.Rejected, Reason = e.Reason, RejectedAt = e.RejectedAt, LastPosition = position, UpdatedAt = at,
            },
            PaymentConfirmed e => row with
            {
                Status = OrderStatuses.Confirmed, ConfirmedAt = e.ConfirmedAt, PaymentReference = e.PaymentReference,
                LastPosition = position, UpdatedAt = at,
            },
            PaymentTimedOut e => row with
            {
                Status = OrderStatuses.TimedOut, Reason = e.Cause, TimedOutAt = e.TimedOutAt, LastPosition = position, UpdatedAt = at,
            },
            DeadLetterRetried e => row with { Retries = e.Retry, LastPosition = position, UpdatedAt = at },
            DeadLetterRetryFailed e => row with { Retries = e.Retry, LastPosition = position, UpdatedAt = at },
            DeadLetterDiscarded e => row with
            {
                Status = OrderStatuses.Discarded, Reason = e.Reason, DiscardedAt = e.DiscardedAt, LastPosition = position, UpdatedAt = at,
            },
            _ => row with { LastPosition = position, UpdatedAt = at },
        };
    }
}

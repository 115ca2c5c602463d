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
}

namespace FlashSale.Domain.Items;

/// <summary>The operator's decisions on dead letters: orders whose payment timed out.</summary>
public static partial class ItemDecider
{
    // The sale window is not checked: the order was placed while the sale was on, and an operator repairing it
    // after the sale has ended is the usual case. Stock and the per-user limit still hold, as for any reservation.
    private static ItemEvent[] RetryDeadLetter(RetryDeadLetter c, OrderRecord order, Listed s)
    {
        var retry = order.Retries + 1;
        return order.Status switch
        {
            OrderStatus.TimedOut when s.HeldBy(order.UserId) + order.Quantity > s.PerUserLimit =>
                [new DeadLetterRetryFailed(c.ItemId, c.OrderId, retry, RejectionReasons.PerUserLimit, c.Actor, c.Now)],
            OrderStatus.TimedOut when s.Available < order.Quantity =>
                [new DeadLetterRetryFailed(c.ItemId, c.OrderId, retry, RejectionReasons.SoldOut, c.Actor, c.Now)],
            OrderStatus.TimedOut =>
            [
                new DeadLetterRetried(c.ItemId, c.OrderId, retry, c.Actor, c.Now),
                new StockReserved(c.ItemId, c.OrderId, order.UserId, order.Quantity, c.Now.AddSeconds(s.PaymentWindowSeconds), retry),
            ],
            // Still reserved by the last retry: a repeat of that retry (an operator's call retried after a timeout), which
            // changes nothing, as a repeated discard does. A failed retry leaves the order a dead letter: retrying it again is a new try.
            OrderStatus.Reserved when order.Retries > 0 => [],
            OrderStatus.Discarded => throw Discarded(c.OrderId),
            _ => throw NotDeadLettered(c.OrderId, order.Status),
        };
    }

    private static ItemEvent[] DiscardDeadLetter(DiscardDeadLetter c, OrderRecord order) => order.Status switch
    {
        OrderStatus.TimedOut => [new DeadLetterDiscarded(c.ItemId, c.OrderId, c.Reason, c.Actor, c.Now)],
        OrderStatus.Discarded => [],
        _ => throw NotDeadLettered(c.OrderId, order.Status),
    };

    /// <summary>A reservation made by an operator's retry: the order keeps its placement outcome and gets a new window.</summary>
    private static Listed Rereserve(Listed s, StockReserved e) =>
        s.Orders.TryGetValue(e.OrderId, out var order)
            ? s with
            {
                Available = s.Available - e.Quantity,
                EarliestDeadline = Earliest(s.EarliestDeadline, e.ReservedUntil),
                Holdings = s.Holdings.SetItem(e.UserId, s.HeldBy(e.UserId) + e.Quantity),
                Orders = s.Orders.SetItem(e.OrderId,
                    order with { Status = OrderStatus.Reserved, Retries = e.Retry, RetryReservedUntil = e.ReservedUntil }),
            }
            : s;

    private static DomainException Discarded(string orderId) =>
        new(DomainErrors.OrderDiscarded, $"Order '{orderId}' was discarded by an operator; it cannot be retried.");

    private static DomainException NotDeadLettered(string orderId, OrderStatus status) =>
        new(DomainErrors.OrderNotDeadLettered,
            $"Order '{orderId}' is {status.ToString().ToLowerInvariant()}, not a dead letter: only an order whose payment timed out can be retried or discarded.");
}

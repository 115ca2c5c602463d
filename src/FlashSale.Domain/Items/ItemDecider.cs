using FlashSale.Domain.Collections;

namespace FlashSale.Domain.Items;

public static partial class ItemDecider
{
    public static ItemEvent[] Decide(ItemCommand command, ItemState state) =>
        (command, state) switch
        {
            (SkipUnreadableEvent c, Unreadable s) => SkipUnreadable(c, s),
            (SkipUnreadableEvent c, _) => throw NoUnreadableEventAt(c),
            (_, Unreadable s) => throw Blocked(command, s),
            (ListItem c, Unlisted) when c.Stock < 0 || c.PerUserLimit < 1 || c.PaymentWindowSeconds < 1 || c.SaleEndsAt <= c.SaleStartsAt =>
                throw new DomainException(DomainErrors.InvalidListing,
                    "A listing needs stock >= 0, a per-user limit >= 1, a payment window >= 1 s and a sale end after its start."),
            (ListItem { SaleEndsAt: { } endsAt } c, Unlisted) when endsAt <= c.Now =>
                throw new DomainException(DomainErrors.SaleAlreadyEnded,
                    $"The sale window ends at {Moment(endsAt)}, which has already passed (it is {Moment(c.Now)}): " +
                    "list the item with a sale end in the future, or without one."),
            (ListItem c, Unlisted) =>
            [
                new SaleItemListed(c.ItemId, c.Name, c.Stock, c.PerUserLimit, c.SaleStartsAt, c.SaleEndsAt,
                    c.PaymentWindowSeconds, c.Now),
            ],
            (ListItem c, Listed) => throw new DomainException(DomainErrors.ItemAlreadyListed, $"Item '{c.ItemId}' is already listed."),
            (_, Unlisted) => throw new DomainException(DomainErrors.ItemNotFound, $"Item '{command.ItemId}' is not listed."),

            (RestockItem c, Listed) when c.Quantity < 1 => throw new DomainException(DomainErrors.InvalidQuantity, "Restock quantity must be at least 1."),
            (RestockItem { OperationId: { } id } c, Listed s) when s.Restocks.TryGetValue(id, out var done) => RepeatRestock(c, done),
            (RestockItem c, Listed s) when (long)s.InitialStock + s.Restocked + c.Quantity > int.MaxValue => throw new DomainException(
                DomainErrors.InvalidQuantity, $"Restocking {c.Quantity} would take the item past {int.MaxValue} units in total."),
            (RestockItem c, Listed) => [new ItemRestocked(c.ItemId, c.Quantity, c.Reason, c.Now, c.OperationId)],

            (PlaceOrder c, Listed s) when s.Orders.TryGetValue(c.OrderId, out var recorded) => RepeatOrder(c, recorded),
            (PlaceOrder c, Listed) when c.Quantity < 1 => throw new DomainException(DomainErrors.InvalidQuantity, "Order quantity must be at least 1."),
            (PlaceOrder c, Listed s) when c.Quantity > s.PerUserLimit => throw new DomainException(
                DomainErrors.QuantityAbovePerUserLimit,
                $"Quantity {c.Quantity} is above this item's per-user limit of {s.PerUserLimit}."),
            (PlaceOrder c, Listed s) => PlaceOrder(c, s),

            (ConfirmPayment c, Listed s) => ConfirmPayment(c, FindOrder(s, c.OrderId)),
            (TimeOutPayment c, Listed s) => TimeOutPayment(c, FindOrder(s, c.OrderId)),
            (RetryDeadLetter c, Listed s) => RetryDeadLetter(c, FindOrder(s, c.OrderId), s),
            (DiscardDeadLetter c, Listed s) => DiscardDeadLetter(c, FindOrder(s, c.OrderId)),
            (StartCharge c, Listed s) => StartCharge(c, FindOrder(s, c.OrderId)),
            (RequireRefund c, Listed s) => RequireRefund(c, FindOrder(s, c.OrderId)),

            _ => throw new DomainException(DomainErrors.InvalidTransition, $"{command.GetType().Name} on {state.GetType().Name}"),
        };

    public static ItemState Evolve(ItemState state, ItemEvent @event) =>
        (state, @event) switch
        {
            (Unreadable, _) or (_, EventUnreadable) => EvolveUnreadable(state, @event),
            (Unlisted, SaleItemListed e) => new Listed(e.ItemId, e.Name, e.PerUserLimit, e.SaleStartsAt, e.SaleEndsAt,
                e.PaymentWindowSeconds, e.Stock, 0, e.Stock,
                PersistentMap<OrderRecord>.Empty, PersistentMap<int>.Empty),
            (Listed s, ItemRestocked e) => Restock(s, e),
            (Listed s, OrderPlaced e) when e.PlacedAt >= s.EarliestDeadline && s.IsOnSale(e.PlacedAt) => s with { EarliestDeadline = NextDeadline(s, e.PlacedAt) },
            // An order is always appended together with its outcome, so the item records it once, at the outcome:
            // one map update per order instead of two on the hottest path.
            (Listed, OrderPlaced) => state,
            (Listed s, StockReserved { Retry: > 0 } e) => Rereserve(s, e),
            (Listed s, StockReserved e) => s with
            {
                Available = s.Available - e.Quantity,
                EarliestDeadline = Earliest(s.EarliestDeadline, e.ReservedUntil),
                Holdings = s.Holdings.SetItem(e.UserId, s.HeldBy(e.UserId) + e.Quantity),
                Orders = s.Orders.SetItem(e.OrderId,
                    new OrderRecord(e.OrderId, e.UserId, e.Quantity, OrderStatus.Reserved, e.ReservedUntil, null, null)),
            },
            (Listed s, OrderRejected e) => s with
            {
                Orders = s.Orders.SetItem(e.OrderId,
                    new OrderRecord(e.OrderId, e.UserId, e.Quantity, OrderStatus.Rejected, null, e.Reason, null)),
                ClosedSaleRejections = e.Reason == RejectionReasons.SaleNotActive && s.ClosedAt(e.RejectedAt) is { } closed
                    ? s.ClosedSaleRejections.SetItem(e.OrderId, closed)
                    : s.ClosedSaleRejections,
            },
            (Listed s, PaymentConfirmed e) when s.Orders.TryGetValue(e.OrderId, out var order) => s with
            {
                Orders = s.Orders.SetItem(e.OrderId, order with { Status = OrderStatus.Confirmed, PaymentReference = e.PaymentReference }),
            },
            (Listed s, PaymentTimedOut e) when s.Orders.TryGetValue(e.OrderId, out var order) => s with
            {
                Orders = s.Orders.SetItem(e.OrderId, order with { Status = OrderStatus.TimedOut }),
            },
            // Lambdas over the arms' variables live in helpers: a capture here would allocate a closure on every event.
            (Listed s, DeadLetterRetried e) => WithRetries(s, e.OrderId, e.Retry),
            (Listed s, DeadLetterRetryFailed e) => WithRetries(s, e.OrderId, e.Retry),
            (Listed s, DeadLetterDiscarded e) => WithDiscarded(s, e),
            (Listed s, ChargeStarted e) => WithChargeStarted(s, e),
            (Listed s, RefundRequired e) => WithRefundRequired(s, e),
            (Listed s, StockReleased e) => s with
            {
                Available = s.Available + e.Quantity,
                Holdings = s.Holdings.SetItem(e.UserId, s.HeldBy(e.UserId) - e.Quantity),
            },
            // Unknown or out-of-place events (an order event for an order the item never saw) stay in the log but change nothing.
            _ => state,
        };

    /// <summary>A moment as messages show it: UTC, to the second, ISO-8601.</summary>
    public static string Moment(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static ItemState Fold(IEnumerable<ItemEvent> events, ItemState? state = null) =>
        events.Aggregate(state ?? ItemState.Initial, Evolve);

    private static ItemEvent[] RepeatOrder(PlaceOrder c, OrderRecord recorded) =>
        recorded.UserId == c.UserId && recorded.Quantity == c.Quantity
            ? []
            : throw new DomainException(DomainErrors.OrderIdReused,
                $"Order id '{c.OrderId}' was already used for a different order (user or quantity differ).");

    private static ItemEvent[] RepeatRestock(RestockItem c, RestockRecord done) =>
        done.Quantity == c.Quantity
            ? []
            : throw new DomainException(DomainErrors.RestockOperationReused,
                $"Operation id '{done.OperationId}' already restocked {done.Quantity} units, not {c.Quantity}.");

    private static Listed Restock(Listed s, ItemRestocked e)
    {
        var restocked = s with { Available = s.Available + e.Quantity, Restocked = s.Restocked + e.Quantity };
        return e.OperationId is { } id
            ? restocked with { Restocks = s.Restocks.SetItem(id, new RestockRecord(id, e.Quantity, restocked.Available)) }
            : restocked;
    }

    private static ItemEvent[] Reject(PlaceOrder c, string reason) =>
    [
        new OrderPlaced(c.ItemId, c.OrderId, c.UserId, c.Quantity, c.Now),
        new OrderRejected(c.ItemId, c.OrderId, c.UserId, c.Quantity, reason, c.Now),
    ];

    private static OrderRecord FindOrder(Listed s, string orderId) =>
        s.Orders.TryGetValue(orderId, out var order)
            ? order
            : throw new DomainException(DomainErrors.OrderNotFound, $"Order '{orderId}' is not known on item '{s.ItemId}'.");

    private static ItemEvent[] ConfirmPayment(ConfirmPayment c, OrderRecord order) => order.Status switch
    {
        OrderStatus.Confirmed when order.PaymentReference == c.PaymentReference => [],
        OrderStatus.Confirmed => throw new DomainException(DomainErrors.PaymentAlreadyConfirmed,
            $"Order '{c.OrderId}' is already paid with reference '{order.PaymentReference}'; a second payment is refused."),
        OrderStatus.TimedOut => throw new DomainException(DomainErrors.PaymentTimedOut,
            $"The payment window of order '{c.OrderId}' has passed; its stock was released."),
        OrderStatus.Discarded => throw new DomainException(DomainErrors.OrderDiscarded,
            $"Order '{c.OrderId}' timed out and was discarded by an operator; it can no longer be paid."),
        OrderStatus.Reserved when c.Now >= order.PaymentDeadline => Release(c.ItemId, order, TimeoutCauses.DeadlinePassed, c.Now),
        OrderStatus.Reserved => [new PaymentConfirmed(c.ItemId, c.OrderId, order.UserId, order.Quantity, c.PaymentReference, c.Now)],
        _ => throw new DomainException(DomainErrors.OrderNotReserved, $"Order '{c.OrderId}' holds no reservation to pay for."),
    };

    private static ItemEvent[] TimeOutPayment(TimeOutPayment c, OrderRecord order) => order.Status switch
    {
        OrderStatus.Reserved when (c.Retry is null || c.Retry == order.Retries)
            && (c.Cause != TimeoutCauses.DeadlinePassed || c.Now >= order.PaymentDeadline) =>
            Release(c.ItemId, order, c.Cause, c.Now),
        // Already settled, the window is still open, or it is about an earlier reservation: nothing to time out.
        _ => [],
    };

    private static ItemEvent[] Release(string itemId, OrderRecord order, string cause, DateTimeOffset now) =>
    [
        new PaymentTimedOut(itemId, order.OrderId, cause, now, order.Retries),
        new StockReleased(itemId, order.OrderId, order.UserId, order.Quantity, now, order.Retries),
    ];

    private static Listed WithRetries(Listed s, string orderId, int retry) => UpdateOrder(s, orderId, o => o with { Retries = retry });

    private static Listed WithDiscarded(Listed s, DeadLetterDiscarded e) =>
        UpdateOrder(s, e.OrderId, o => o with { Status = OrderStatus.Discarded, DiscardReason = e.Reason });

    private static Listed UpdateOrder(Listed s, string orderId, Func<OrderRecord, OrderRecord> change) =>
        s.Orders.TryGetValue(orderId, out var order) ? s with { Orders = s.Orders.SetItem(orderId, change(order)) } : s;
}

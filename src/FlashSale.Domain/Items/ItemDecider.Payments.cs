using System.Collections.Immutable;

namespace FlashSale.Domain.Items;

/// <summary>Charging reservations and the money that arrives too late or twice.</summary>
public static partial class ItemDecider
{
    private static ItemEvent[] StartCharge(StartCharge c, OrderRecord order) => order.Status switch
    {
        OrderStatus.Reserved when order.Retries != c.Retry => [], // an earlier reservation: a retry made a new one since
        // Started before (a crash, a takeover): the caller asks the gateway what became of it rather than guessing.
        OrderStatus.Reserved when order.ChargeStartedFor == c.Retry => [],
        OrderStatus.Reserved when order.PaymentDeadline <= c.AnswerBy => Release(c.ItemId, order, TimeoutCauses.TooLateToCharge, c.Now),
        OrderStatus.Reserved => [new ChargeStarted(c.ItemId, c.OrderId, c.IdempotencyKey, c.Now, c.Retry)],
        // Paid by the provider's callback, timed out, discarded, rejected: nothing to charge, and that is a normal race.
        _ => [],
    };

    private static ItemEvent[] RequireRefund(RequireRefund c, OrderRecord order) => order switch
    {
        { RefundReferences: { } recorded } when recorded.Contains(c.PaymentReference) => [],
        { Status: OrderStatus.TimedOut or OrderStatus.Discarded } => [Refund(c, order, RefundReasons.LatePayment)],
        { Status: OrderStatus.Confirmed } when order.PaymentReference == c.PaymentReference => [],
        { Status: OrderStatus.Confirmed } => [Refund(c, order, RefundReasons.DuplicatePayment)],
        // Reserved: the payment is not late, it pays for the open reservation (the caller confirms it instead).
        { Status: OrderStatus.Reserved } => [],
        _ => throw new DomainException(DomainErrors.OrderNotReserved, $"Order '{c.OrderId}' never held a reservation to pay for."),
    };

    private static RefundRequired Refund(RequireRefund c, OrderRecord order, string reason) =>
        new(c.ItemId, c.OrderId, order.UserId, order.Quantity, c.PaymentReference, reason, c.Now, order.Retries);

    private static Listed WithChargeStarted(Listed s, ChargeStarted e) => UpdateOrder(s, e.OrderId, o => o with { ChargeStartedFor = e.Retry });

    private static Listed WithRefundRequired(Listed s, RefundRequired e) => UpdateOrder(s, e.OrderId, o => o with
    {
        RefundReferences = (o.RefundReferences ?? ImmutableHashSet.Create<string>(StringComparer.Ordinal)).Add(e.PaymentReference),
    });
}

namespace FlashSale.Domain.Items;

/// <summary>
/// The payment processor is about to ask the gateway for money for this reservation, under <paramref name="IdempotencyKey"/>.
/// Recorded before the money can move, so a crash or a gateway timeout leaves evidence that the outcome is unknown and must
/// be asked for: whoever processes payments next queries the gateway instead of guessing.
/// </summary>
public sealed record ChargeStarted(string ItemId, string OrderId, string IdempotencyKey, DateTimeOffset StartedAt, int Retry = 0)
    : OrderEvent(ItemId, OrderId), IRepeatableOrderEvent;

/// <summary>
/// Money arrived that pays for nothing: the reservation it was for had been released (<see cref="RefundReasons.LatePayment"/>),
/// or the order was already paid with another reference (<see cref="RefundReasons.DuplicatePayment"/>). The stock stays
/// released; an operator refunds <paramref name="PaymentReference"/>. One per order and payment reference.
/// </summary>
/// <param name="Retry">The order's reservation the payment came too late for (0 = the placement's).</param>
public sealed record RefundRequired(
    string ItemId,
    string OrderId,
    string UserId,
    int Quantity,
    string PaymentReference,
    string Reason,
    DateTimeOffset RequiredAt,
    int Retry = 0) : OrderEvent(ItemId, OrderId);

public static class RefundReasons
{
    public const string LatePayment = "late_payment";
    public const string DuplicatePayment = "duplicate_payment";
}

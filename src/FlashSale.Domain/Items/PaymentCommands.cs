namespace FlashSale.Domain.Items;

/// <summary>
/// The payment processor asks to charge reservation <paramref name="Retry"/> of the order. Only a reservation that is still
/// open at <paramref name="AnswerBy"/> (the latest the gateway can answer) may be charged; one that is not is released
/// instead, since a charge could otherwise succeed after its stock went back on sale.
/// </summary>
public sealed record StartCharge(string ItemId, string OrderId, int Retry, string IdempotencyKey, DateTimeOffset AnswerBy, DateTimeOffset Now)
    : OrderCommand(ItemId, OrderId);

/// <summary>A payment for the order that cannot pay for it (the reservation was released, or the order is already paid
/// with another reference) is recorded as a refund to make, once per payment reference.</summary>
public sealed record RequireRefund(string ItemId, string OrderId, string PaymentReference, DateTimeOffset Now) : OrderCommand(ItemId, OrderId);

namespace FlashSale.Payments;

/// <param name="Retry">Which reservation of the order is charged: 0 for the placement's, n for the one an operator's n-th retry made.</param>
public sealed record PaymentRequest(string ItemId, string OrderId, string UserId, int Quantity, int Retry = 0);

public abstract record PaymentAttempt
{
    private PaymentAttempt() { }

    public sealed record Confirmed(string PaymentReference) : PaymentAttempt;

    /// <summary>The gateway did not answer in time; the reservation is released.</summary>
    public sealed record TimedOut : PaymentAttempt;
}

/// <summary>The payment provider port. Implementations must treat the order id and retry as an idempotency key.</summary>
public interface IPaymentGateway
{
    Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);
}

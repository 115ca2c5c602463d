namespace FlashSale.Payments;

public sealed record PaymentRequest(string ItemId, string OrderId, string UserId, int Quantity);

public abstract record PaymentAttempt
{
    private PaymentAttempt() { }

    public sealed record Confirmed(string PaymentReference) : PaymentAttempt;

    /// <summary>The gateway did not answer in time; the reservation is released.</summary>
    public sealed record TimedOut : PaymentAttempt;
}

/// <summary>The payment provider port. Implementations must treat the order id as an idempotency key.</summary>
public interface IPaymentGateway
{
    Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);
}

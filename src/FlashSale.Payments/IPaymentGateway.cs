namespace FlashSale.Payments;

/// <param name="Retry">Which reservation of the order is charged: 0 for the placement's, n for the one an operator's n-th retry made.</param>
public sealed record PaymentRequest(string ItemId, string OrderId, string UserId, int Quantity, int Retry = 0)
{
    /// <summary>One key per reservation attempt (item, order, retry), never used for another charge. Ids never contain
    /// '/', so no two reservations share a key.</summary>
    public string IdempotencyKey => $"{ItemId}/{OrderId}/{Retry}";
}

public abstract record PaymentAttempt
{
    private PaymentAttempt() { }

    /// <param name="Callback">The provider's signed confirmation when it sends one; the processor then confirms the
    /// payment only if it verifies.</param>
    public sealed record Confirmed(string PaymentReference, Callbacks.SignedCallback? Callback = null) : PaymentAttempt;

    /// <summary>The gateway did not answer in time: the outcome is unknown (the money may have moved); ask with
    /// <see cref="IPaymentGateway.QueryAsync"/>.</summary>
    public sealed record TimedOut : PaymentAttempt;
}

public abstract record PaymentStatus
{
    private PaymentStatus() { }

    /// <summary>The charge under the key went through.</summary>
    public sealed record Charged(string PaymentReference) : PaymentStatus;

    /// <summary>No money moved under the key, and none will.</summary>
    public sealed record NotCharged : PaymentStatus;
}

/// <summary>The payment provider port. Implementations must treat <see cref="PaymentRequest.IdempotencyKey"/> as an
/// idempotency key: a repeated charge under one key answers the first charge's result and never charges twice.</summary>
public interface IPaymentGateway
{
    Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);

    /// <summary>What became of the charge under <paramref name="request"/>'s key; asked after a timeout, before the
    /// reservation is released. Throws (or is cancelled) when the gateway cannot tell right now.</summary>
    Task<PaymentStatus> QueryAsync(PaymentRequest request, CancellationToken cancellationToken);
}

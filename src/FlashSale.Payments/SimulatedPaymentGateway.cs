using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FlashSale.Payments.Callbacks;

namespace FlashSale.Payments;

/// <summary>
/// Stands in for a payment provider. Each charge's fate depends only on the seed, the order id and the retry, so runs
/// are reproducible, a repeated charge of the same reservation answers the same way, and an operator's retry gets a
/// fresh draw instead of being doomed to repeat the timeout. Of the charges that time out, a share
/// (<see cref="PaymentsOptions.TimedOutChargedRate"/>) went through all the same, as with a real provider; the status query
/// tells. Charges are recorded by idempotency key: a repeat returns the first answer and charges nothing. Given a signer,
/// it signs each confirmation as a provider signs its callbacks.
/// </summary>
public sealed class SimulatedPaymentGateway(PaymentsOptions options, CallbackSigner? signer = null) : IPaymentGateway
{
    private sealed record Charge(PaymentAttempt Answer, string? ChargedReference);

    private readonly ConcurrentDictionary<string, Charge> _charges = new(StringComparer.Ordinal);

    /// <summary>Charges that moved money (each idempotency key at most once).</summary>
    public int MoneyMoved => _charges.Values.Count(c => c.ChargedReference is not null);

    public async Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        if (options.GatewayLatencyMs > 0) await Task.Delay(options.GatewayLatencyMs, cancellationToken);
        return _charges.GetOrAdd(request.IdempotencyKey, _ => Draw(request)).Answer;
    }

    public async Task<PaymentStatus> QueryAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        if (options.GatewayLatencyMs > 0) await Task.Delay(options.GatewayLatencyMs, cancellationToken);
        return _charges.TryGetValue(request.IdempotencyKey, out var charge) && charge.ChargedReference is { } reference
            ? new PaymentStatus.Charged(reference)
            : new PaymentStatus.NotCharged();
    }

    private Charge Draw(PaymentRequest request)
    {
        // First reservations keep the key they always had, so a seed gives the same fates as before retries existed.
        var key = request.Retry == 0 ? $"{options.Seed}:{request.OrderId}" : $"{options.Seed}:{request.OrderId}:{request.Retry}";
        var hash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var draw = (hash >> 11) * (1.0 / (1UL << 53));
        var reference = $"sim-{hash:x16}";
        if (draw >= options.TimeoutRate)
            return new Charge(new PaymentAttempt.Confirmed(reference, signer?.Sign(request.ItemId, reference)), reference);
        // Within the timed-out share, the lowest draws are the ones whose money moved anyway.
        var charged = draw < options.TimeoutRate * options.TimedOutChargedRate;
        return new Charge(new PaymentAttempt.TimedOut(), charged ? reference : null);
    }
}

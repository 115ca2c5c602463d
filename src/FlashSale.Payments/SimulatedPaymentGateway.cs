using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FlashSale.Payments;

/// <summary>
/// Stands in for a payment provider. Each charge's fate depends only on the seed, the order id and the retry, so runs
/// are reproducible, a repeated charge of the same reservation answers the same way, and an operator's retry gets a
/// fresh draw instead of being doomed to repeat the timeout.
/// </summary>
public sealed class SimulatedPaymentGateway(PaymentsOptions options) : IPaymentGateway
{
    public async Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        if (options.GatewayLatencyMs > 0) await Task.Delay(options.GatewayLatencyMs, cancellationToken);
        // First reservations keep the key they always had, so a seed gives the same fates as before retries existed.
        var key = request.Retry == 0 ? $"{options.Seed}:{request.OrderId}" : $"{options.Seed}:{request.OrderId}:{request.Retry}";
        var hash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var draw = (hash >> 11) * (1.0 / (1UL << 53));
        return draw < options.TimeoutRate
            ? new PaymentAttempt.TimedOut()
            : new PaymentAttempt.Confirmed($"sim-{hash:x16}");
    }
}

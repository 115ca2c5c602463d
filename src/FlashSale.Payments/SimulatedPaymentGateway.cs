using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FlashSale.Payments;

/// <summary>
/// Stands in for a payment provider. Each order's fate depends only on the seed and the order id, so runs are
/// reproducible and a repeated charge of the same order answers the same way.
/// </summary>
public sealed class SimulatedPaymentGateway(PaymentsOptions options) : IPaymentGateway
{
    public async Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        if (options.GatewayLatencyMs > 0) await Task.Delay(options.GatewayLatencyMs, cancellationToken);
        var hash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{options.Seed}:{request.OrderId}")));
        var draw = (hash >> 11) * (1.0 / (1UL << 53));
        return draw < options.TimeoutRate
            ? new PaymentAttempt.TimedOut()
            : new PaymentAttempt.Confirmed($"sim-{hash:x16}");
    }
}

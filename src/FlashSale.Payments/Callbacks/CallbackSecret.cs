using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments.Callbacks;

/// <summary>The secret payment callbacks are signed with (<c>Payments:CallbackSecret</c>). Outside Development an unset
/// secret stops the start: an open callback would let anyone mark an order paid.</summary>
public sealed class CallbackSecret
{
    public CallbackSecret(PaymentsOptions options, IHostEnvironment environment, ILogger<CallbackSecret> logger)
    {
        var configured = options.CallbackSecret;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    "Payments:CallbackSecret is required outside Development: the payment provider signs its callbacks with it " +
                    "(set Payments__CallbackSecret, at least 32 characters, e.g. the output of 'openssl rand -hex 32').");
            configured = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            logger.CallbackSecretGenerated(configured);
        }
        Bytes = Encoding.UTF8.GetBytes(configured);
    }

    public byte[] Bytes { get; }
}

using System.Text.Json;

namespace FlashSale.Payments.Callbacks;

/// <summary>A payment callback as the provider delivers it: the exact body and its <c>X-Signature</c> header value.</summary>
public sealed record SignedCallback(byte[] Body, string Signature);

/// <summary>
/// Signs and checks callbacks with the shared secret, the same way the HTTP callback endpoint checks them. The simulated
/// gateway signs its confirmations with it, and the processor confirms a payment only when the confirmation verifies.
/// </summary>
public sealed class CallbackSigner(CallbackSecret secret, PaymentsOptions options, TimeProvider clock)
{
    public SignedCallback Sign(string itemId, string paymentReference)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["paymentReference"] = paymentReference,
            ["itemId"] = itemId,
        });
        return new SignedCallback(body, CallbackSignature.Sign(secret.Bytes, clock.GetUtcNow().ToUnixTimeSeconds(), body));
    }

    /// <summary>Whether <paramref name="callback"/> is signed with our secret, within the tolerance, and confirms
    /// <paramref name="paymentReference"/> for <paramref name="itemId"/>.</summary>
    public bool Confirms(SignedCallback callback, string itemId, string paymentReference)
    {
        if (CallbackSignature.Verify(secret.Bytes, callback.Signature, callback.Body, clock.GetUtcNow(),
                TimeSpan.FromSeconds(options.CallbackToleranceSeconds)) != SignatureCheck.Valid) return false;
        try
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(callback.Body);
            return fields is not null && fields.GetValueOrDefault("paymentReference") == paymentReference
                && fields.GetValueOrDefault("itemId") == itemId;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

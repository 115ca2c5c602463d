using System.Security.Cryptography;
using System.Text;

namespace FlashSale.LoadTest.Http;

/// <summary>Signs a payment callback as the provider does (README, "payment provider callback"): written from the
/// contract rather than shared with the server, so a drift between the two shows up as 401s in the run.</summary>
public static class CallbackSignature
{
    public static string Header(string secret, long unixSeconds, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{unixSeconds}.").Concat(body).ToArray();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }
}

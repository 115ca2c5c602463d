using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FlashSale.Payments.Callbacks;

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Mismatch,
    OutsideTolerance,
}

/// <summary>
/// The payment provider's callback signature: <c>X-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c> where the hex is
/// HMAC-SHA256(secret, "&lt;t&gt;." + body bytes). The timestamp is inside the MAC, so an old callback cannot be replayed
/// with a fresh time; several <c>v1</c> entries are allowed so a provider can sign with an old and a new secret while
/// they are rotated.
/// </summary>
public static class CallbackSignature
{
    public const string HeaderName = "X-Signature";

    public static string Sign(ReadOnlySpan<byte> secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, unixSeconds, body))}";

    public static SignatureCheck Verify(ReadOnlySpan<byte> secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now,
        TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureCheck.Missing;
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0) return SignatureCheck.Malformed;
            var (key, value) = (part[..separator], part[(separator + 1)..]);
            switch (key)
            {
                case "t" when timestamp is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t):
                    timestamp = t;
                    break;
                case "v1" when value.Length == 64 && value.All(char.IsAsciiHexDigit):
                    signatures.Add(Convert.FromHexString(value));
                    break;
                case "t" or "v1":
                    return SignatureCheck.Malformed;
            }
        }
        if (timestamp is not { } at || signatures.Count == 0) return SignatureCheck.Malformed;

        var expected = Mac(secret, at, body);
        var matches = false;
        foreach (var signature in signatures) matches |= CryptographicOperations.FixedTimeEquals(signature, expected);
        if (!matches) return SignatureCheck.Mismatch;
        var age = now.ToUnixTimeSeconds() - at;
        return Math.Abs(age) <= tolerance.TotalSeconds ? SignatureCheck.Valid : SignatureCheck.OutsideTolerance;
    }

    private static byte[] Mac(ReadOnlySpan<byte> secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret, signed);
    }
}

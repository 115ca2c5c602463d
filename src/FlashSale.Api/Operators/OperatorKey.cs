using System.Security.Cryptography;
using System.Text;
using FlashSale.Api.Logging;
using FlashSale.Hosting.Operators;

namespace FlashSale.Api.Operators;

/// <summary>Which configured key a request presented.</summary>
public enum OperatorKeyMatch { None, Current, Previous }

/// <summary>
/// The operator API keys: <c>Operators:ApiKey</c> (or one generated and logged for this run) and, during a rotation,
/// <c>Operators:PreviousApiKey</c>. Only their SHA-256 digests are kept and compared, in constant time and against both
/// keys whatever the first answer, so neither a key's length nor which key matched shows in the time taken.
/// </summary>
public sealed class OperatorKey
{
    private readonly byte[] _current;
    private readonly byte[]? _previous;

    public OperatorKey(IConfiguration configuration, ILogger<OperatorKey> logger)
    {
        var configured = configuration[$"{OperatorOptions.Section}:{nameof(OperatorOptions.ApiKey)}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            logger.OperatorKeyGenerated(configured);
        }
        _current = Digest(configured);
        var previous = configuration[$"{OperatorOptions.Section}:{nameof(OperatorOptions.PreviousApiKey)}"];
        _previous = string.IsNullOrEmpty(previous) ? null : Digest(previous);
        logger.OperatorKeysAccepted(Fingerprint(configured), _previous is null ? "none" : Fingerprint(previous!));
    }

    /// <summary>Whether a previous key is accepted too (a rotation is under way).</summary>
    public bool IsRotating => _previous is not null;

    public bool Accepts(string? presented) => Match(presented) != OperatorKeyMatch.None;

    public OperatorKeyMatch Match(string? presented)
    {
        if (presented is null) return OperatorKeyMatch.None;
        var digest = Digest(presented);
        var current = CryptographicOperations.FixedTimeEquals(digest, _current);
        var previous = CryptographicOperations.FixedTimeEquals(digest, _previous ?? _current) && _previous is not null;
        return current ? OperatorKeyMatch.Current : previous ? OperatorKeyMatch.Previous : OperatorKeyMatch.None;
    }

    /// <summary>What logs may say of a key: the first 8 hex digits of its SHA-256, enough to tell two keys apart.</summary>
    public static string Fingerprint(string key) => "sha256:" + Convert.ToHexStringLower(Digest(key))[..8];

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

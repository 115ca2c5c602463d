using System.Security.Cryptography;
using System.Text;
using FlashSale.Api.Logging;

namespace FlashSale.Api.Operators;

public sealed class OperatorOptions
{
    public const string Section = "Operators";
    public const string HeaderName = "X-Api-Key";

    public string? ApiKey { get; set; }
}

/// <summary>The operator API key: <c>Operators:ApiKey</c>, or one generated (and logged) for this run.</summary>
public sealed class OperatorKey
{
    private readonly byte[] _key;

    public OperatorKey(IConfiguration configuration, ILogger<OperatorKey> logger)
    {
        var configured = configuration[$"{OperatorOptions.Section}:{nameof(OperatorOptions.ApiKey)}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            logger.OperatorKeyGenerated(configured);
        }
        _key = Encoding.UTF8.GetBytes(configured);
    }

    public bool Accepts(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}

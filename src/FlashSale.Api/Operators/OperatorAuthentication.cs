using System.Security.Cryptography;
using System.Text;
using FlashSale.Api.Http;

namespace FlashSale.Api.Operators;

public sealed class OperatorOptions
{
    public const string Section = "Operators";
    public const string HeaderName = "X-Api-Key";

    public string? ApiKey { get; set; }
}

/// <summary>Closes operator endpoints to buyers: the <c>X-Api-Key</c> header must equal <c>Operators:ApiKey</c>.</summary>
public sealed class OperatorKey
{
    private readonly byte[] _key;

    public OperatorKey(IConfiguration configuration, ILogger<OperatorKey> logger)
    {
        var configured = configuration[$"{OperatorOptions.Section}:{nameof(OperatorOptions.ApiKey)}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            logger.LogWarning("Operators:ApiKey is not set; generated operator API key for this run: {ApiKey}", configured);
        }
        _key = Encoding.UTF8.GetBytes(configured);
    }

    public bool Accepts(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}

public sealed class OperatorOnlyFilter(OperatorKey key) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        key.Accepts(context.HttpContext.Request.Headers[OperatorOptions.HeaderName].FirstOrDefault())
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Create(StatusCodes.Status401Unauthorized, "Operator API key required",
                $"This endpoint is for operators: send the operator API key in the {OperatorOptions.HeaderName} header.", "unauthorized"));
}

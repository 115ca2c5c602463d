using Microsoft.Extensions.Options;

namespace FlashSale.Api.Cors;

/// <summary>Each allowed origin exactly as a browser sends it in <c>Origin</c> (<c>https://shop.example.com</c>, a port
/// only when not the scheme's default), or <c>*</c> alone for any origin.</summary>
internal sealed class CrossOriginOptionsValidator : IValidateOptions<CrossOriginOptions>
{
    public const string AnyOrigin = "*";

    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        var origins = options.AllowedOrigins;
        if (origins.Contains(AnyOrigin) && origins.Length > 1)
            return ValidateOptionsResult.Fail("Cors:AllowedOrigins: '*' (any origin) must be the only entry.");
        for (var i = 0; i < origins.Length; i++)
            if (origins[i] != AnyOrigin && Problem(origins[i]) is { } problem)
                return ValidateOptionsResult.Fail($"Cors:AllowedOrigins:{i} '{origins[i]}' {problem}");
        return ValidateOptionsResult.Success;
    }

    private static string? Problem(string origin)
    {
        const string Rule = "use scheme://host[:port] as the browser sends it, e.g. https://shop.example.com.";
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.HostNameType == UriHostNameType.Unknown)
            return $"is not an http(s) origin: {Rule}";
        var canonical = uri.GetLeftPart(UriPartial.Authority);
        return string.Equals(canonical, origin, StringComparison.OrdinalIgnoreCase) ? null : $"is not an origin (did you mean '{canonical}'?): {Rule}";
    }
}

using System.Text;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Buyers;

/// <summary>A buyer mode without what it needs stops the start, naming the key: an API that silently fell back to
/// <c>None</c> would show every user's orders to anyone.</summary>
public sealed class BuyerOptionsValidator : IValidateOptions<BuyerOptions>
{
    public const int MinApiKeyLength = 16;
    public const int MinSigningKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, BuyerOptions options)
    {
        var failures = options.Authentication switch
        {
            BuyerAuthentication.None => [],
            BuyerAuthentication.ApiKey => ApiKeyFailures(options),
            BuyerAuthentication.Jwt => JwtFailures(options.Jwt),
            _ => [$"Buyers:Authentication must be None, ApiKey or Jwt (it is '{options.Authentication}')."],
        };
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static List<string> ApiKeyFailures(BuyerOptions options) =>
        options.ApiKey is { Length: >= MinApiKeyLength } key && !string.IsNullOrWhiteSpace(key)
            ? []
            : [$"Buyers:ApiKey is required when Buyers:Authentication is ApiKey: the shop's back end sends it in " +
               $"{BuyerOptions.ApiKeyHeader} (at least {MinApiKeyLength} characters, e.g. the output of 'openssl rand -hex 32')."];

    private static List<string> JwtFailures(BuyerJwtOptions jwt)
    {
        var (hasAuthority, hasKey) = (!string.IsNullOrWhiteSpace(jwt.Authority), !string.IsNullOrEmpty(jwt.SigningKey));
        List<string> failures = [];
        if (hasAuthority == hasKey)
            failures.Add("Buyers:Authentication is Jwt: set exactly one of Buyers:Jwt:Authority (the identity provider, " +
                         "production) or Buyers:Jwt:SigningKey (an HS256 key, for tests and simple setups).");
        if (hasKey && Encoding.UTF8.GetByteCount(jwt.SigningKey!) < MinSigningKeyBytes)
            failures.Add($"Buyers:Jwt:SigningKey must be at least {MinSigningKeyBytes} bytes (HS256).");
        if (hasKey && string.IsNullOrWhiteSpace(jwt.Issuer))
            failures.Add("Buyers:Jwt:Issuer is required with Buyers:Jwt:SigningKey: tokens of any other issuer are refused.");
        if (string.IsNullOrWhiteSpace(jwt.Audience))
            failures.Add("Buyers:Jwt:Audience is required when Buyers:Authentication is Jwt: tokens for other audiences are refused.");
        return failures;
    }
}

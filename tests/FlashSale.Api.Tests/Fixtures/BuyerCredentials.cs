using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>The buyer modes' settings and credentials: the shop's buyer API key, and bearer tokens minted as an
/// identity provider would (HS256 with the test signing key, unless a test asks for another).</summary>
public static class BuyerCredentials
{
    public const string ApiKeyHeader = "X-Buyer-Api-Key";
    public const string ApiKey = "test-buyer-api-key-0123456789";
    public const string Issuer = "https://id.flashsale.test";
    public const string Audience = "flashsale-api";
    public const string SigningKey = "test-buyer-signing-key-0123456789abcdef";

    public static Dictionary<string, string?> ApiKeyMode() => new()
    {
        ["Buyers:Authentication"] = "ApiKey",
        ["Buyers:ApiKey"] = ApiKey,
    };

    public static Dictionary<string, string?> JwtMode() => new()
    {
        ["Buyers:Authentication"] = "Jwt",
        ["Buyers:Jwt:SigningKey"] = SigningKey,
        ["Buyers:Jwt:Issuer"] = Issuer,
        ["Buyers:Jwt:Audience"] = Audience,
    };

    /// <param name="userId">The token's <c>sub</c>; null for a token that names no user.</param>
    /// <param name="signingKey">Null for an unsigned token (<c>alg: none</c>).</param>
    public static string Token(string? userId, string issuer = Issuer, string audience = Audience, string? signingKey = SigningKey,
        DateTime? expires = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(10);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(userId is null ? [] : [new Claim("sub", userId)]),
            IssuedAt = until.AddHours(-1),
            NotBefore = until.AddHours(-1),
            Expires = until,
            SigningCredentials = signingKey is null
                ? null
                : new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient CreateTokenClient(this FlashSaleApiFactory api, string token)
    {
        var client = api.CreateBoundedClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The shop's back end: a client that sends <paramref name="key"/> as the buyer API key.</summary>
    public static HttpClient CreateShopClient(this FlashSaleApiFactory api, string key = ApiKey)
    {
        var client = api.CreateBoundedClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        return client;
    }
}

/// <summary>One API per test class in a buyer mode (<c>IClassFixture&lt;JwtBuyersApi&gt;</c>).</summary>
public sealed class JwtBuyersApi : IDisposable
{
    public FlashSaleApiFactory Api { get; } = new(BuyerCredentials.JwtMode());

    public void Dispose() => Api.Dispose();
}

public sealed class ApiKeyBuyersApi : IDisposable
{
    public FlashSaleApiFactory Api { get; } = new(BuyerCredentials.ApiKeyMode());

    public void Dispose() => Api.Dispose();
}

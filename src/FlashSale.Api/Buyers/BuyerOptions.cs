namespace FlashSale.Api.Buyers;

/// <summary>How buyer endpoints (place an order, an order's status, a user's orders) know who is calling.</summary>
public enum BuyerAuthentication
{
    /// <summary>Nobody is checked: for a trusted back end in front of the API only (the embedded default).</summary>
    None,

    /// <summary>The shop's back end sends <c>Buyers:ApiKey</c> in <c>X-Buyer-Api-Key</c> and may act for any user.</summary>
    ApiKey,

    /// <summary>Each buyer sends a bearer token; the user is its <c>sub</c> and acts only for itself.</summary>
    Jwt,
}

public sealed class BuyerOptions
{
    public const string Section = "Buyers";
    public const string ApiKeyHeader = "X-Buyer-Api-Key";

    public BuyerAuthentication Authentication { get; set; } = BuyerAuthentication.None;

    public string? ApiKey { get; set; }

    public BuyerJwtOptions Jwt { get; set; } = new();
}

public sealed class BuyerJwtOptions
{
    /// <summary>The identity provider's OpenID Connect authority (its discovery document gives issuer and keys).</summary>
    public string? Authority { get; set; }

    /// <summary>An HS256 key (UTF-8, 32+ bytes), for tests and simple setups without an identity provider.</summary>
    public string? SigningKey { get; set; }

    public string? Issuer { get; set; }

    public string? Audience { get; set; }
}

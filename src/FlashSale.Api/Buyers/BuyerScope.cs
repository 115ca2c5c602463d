using System.Security.Claims;
using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Buyers;

/// <summary>Whom the caller of a buyer endpoint may act for: one user (a buyer's token), or any (<see cref="UserId"/>
/// null: the trusted back end, the shop's back end with the buyer API key, an operator reading orders).</summary>
public sealed record BuyerScope(string? UserId)
{
    public static readonly BuyerScope AnyUser = new((string?)null);

    public bool MayActFor(string? userId) => UserId is null || string.Equals(UserId, userId, StringComparison.Ordinal);

    public static ProblemResult UserMismatch(string field) => Problems.Create(StatusCodes.Status403Forbidden, "User mismatch",
        $"A buyer token acts only for its own user (the token's 'sub'); '{field}' names another user.", BuyerAccess.UserMismatchCode);
}

/// <summary>Reads the <see cref="BuyerScope"/> of a request that passed its buyer policy.</summary>
public sealed class BuyerScopes(IOptions<BuyerOptions> options)
{
    /// <summary>Under <c>None</c> without reading <see cref="HttpContext.User"/>, which makes an empty principal for a
    /// request nobody authenticated.</summary>
    public BuyerScope Of(HttpContext http) =>
        options.Value.Authentication == BuyerAuthentication.None ? BuyerScope.AnyUser : Of(http.User);

    public BuyerScope Of(ClaimsPrincipal user)
    {
        if (options.Value.Authentication == BuyerAuthentication.None || Has(user, OperatorKeyAuthentication.SchemeName) ||
            Has(user, BuyerApiKeyAuthentication.SchemeName))
            return BuyerScope.AnyUser;
        if (Has(user, BuyerJwtAuthentication.SchemeName) && user.FindFirst(BuyerJwtAuthentication.UserClaim)?.Value is { Length: > 0 } sub)
            return new BuyerScope(sub);
        // Only reachable from an endpoint without a buyer policy: refuse rather than guess.
        throw new InvalidOperationException("A buyer endpoint was reached without buyer authentication.");
    }

    private static bool Has(ClaimsPrincipal user, string scheme) =>
        user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == scheme);
}

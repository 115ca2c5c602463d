using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FlashSale.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Buyers;

/// <summary>The shop's back end: whoever sends <c>Buyers:ApiKey</c> in <c>X-Buyer-Api-Key</c>. It acts for any user.</summary>
public sealed class BuyerApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<BuyerOptions> buyers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "BuyerApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(Accepts(Request.Headers[BuyerOptions.ApiKeyHeader].FirstOrDefault())
            ? AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "shop-back-end")], SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status401Unauthorized, "Buyer API key required",
            $"Buyer endpoints are for the shop's back end: send the buyer API key in the {BuyerOptions.ApiKeyHeader} header.",
            BuyerAccess.UnauthorizedCode).ExecuteAsync(Context);

    private bool Accepts(string? presented) =>
        presented is not null && buyers.Value.ApiKey is { Length: > 0 } key &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}

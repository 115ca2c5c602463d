using System.Security.Claims;
using System.Text.Encodings.Web;
using FlashSale.Api.Http;
using FlashSale.Hosting.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Operators;

/// <summary>
/// Operators are whoever sends an operator key (<see cref="OperatorKey"/>) in <c>X-Api-Key</c>. An authentication scheme rather than an endpoint
/// filter, so that a buyer is refused (401) before the framework reads anything of the request's body.
/// </summary>
public sealed class OperatorKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorKey key,
    OperatorKeyUses uses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OperatorKey";

    /// <summary>The claim naming which configured key was presented: <c>current</c> or <c>previous</c>.</summary>
    public const string KeyClaim = "operator_key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var match = key.Match(Request.Headers[OperatorOptions.HeaderName].FirstOrDefault());
        if (match == OperatorKeyMatch.None) return Task.FromResult(AuthenticateResult.NoResult());
        uses.Record(match, Request);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "operator"), new Claim(KeyClaim, match.ToString().ToLowerInvariant())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status401Unauthorized, "Operator API key required",
            $"This endpoint is for operators: send the operator API key in the {OperatorOptions.HeaderName} header.", "unauthorized")
            .ExecuteAsync(Context);
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using FlashSale.Api.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Operators;

/// <summary>
/// Operators are whoever sends the operator key in <c>X-Api-Key</c>. An authentication scheme rather than an endpoint
/// filter, so that a buyer is refused (401) before the framework reads anything of the request's body.
/// </summary>
public sealed class OperatorKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorKey key)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OperatorKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(key.Accepts(Request.Headers[OperatorOptions.HeaderName].FirstOrDefault())
            ? AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "operator")], SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status401Unauthorized, "Operator API key required",
            $"This endpoint is for operators: send the operator API key in the {OperatorOptions.HeaderName} header.", "unauthorized")
            .ExecuteAsync(Context);
}

using System.Text;
using FlashSale.Api.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FlashSale.Api.Buyers;

/// <summary>Buyers with a bearer token (<c>Buyers:Jwt:*</c>): issuer, audience, lifetime and signature are checked; the
/// user is the token's <c>sub</c>.</summary>
public static class BuyerJwtAuthentication
{
    public const string SchemeName = "BuyerJwt";
    public const string UserClaim = "sub";

    /// <summary>Tokens are minted by another clock: this much drift is forgiven, no more.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static void Configure(JwtBearerOptions jwt, BuyerOptions buyers)
    {
        var settings = buyers.Jwt;
        jwt.MapInboundClaims = false;
        jwt.Authority = string.IsNullOrWhiteSpace(settings.Authority) ? null : settings.Authority;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(settings.Issuer) ? null : settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
            NameClaimType = UserClaim,
            AuthenticationType = SchemeName,
        };
        if (!string.IsNullOrEmpty(settings.SigningKey))
        {
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey));
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        jwt.Events = new JwtBearerEvents { OnTokenValidated = RequireUser, OnChallenge = AnswerProblemAsync };
    }

    private static Task RequireUser(TokenValidatedContext context)
    {
        if (string.IsNullOrEmpty(context.Principal?.FindFirst(UserClaim)?.Value)) context.Fail("The token names no user ('sub').");
        return Task.CompletedTask;
    }

    private static Task AnswerProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = context.AuthenticateFailure is SecurityTokenExpiredException
            ? "The bearer token has expired; sign in again."
            : "Buyer endpoints need a valid bearer token: send 'Authorization: Bearer <token>' from the identity provider.";
        return Problems.Create(StatusCodes.Status401Unauthorized, "Buyer token required", detail, BuyerAccess.UnauthorizedCode)
            .ExecuteAsync(context.HttpContext);
    }
}

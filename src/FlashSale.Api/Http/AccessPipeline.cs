using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Http;

/// <summary>
/// Authentication and authorization only where they can decide something (ADR 0036). No scheme here is the default
/// and none handles requests on its own (no remote sign-in), so the framework's authentication middleware would
/// authenticate nobody: each endpoint's policy names its scheme and authenticates through it. That middleware cost
/// every request a DI scope and a handler provider; it runs only if the schemes at start make it do something. The
/// authorization middleware runs for endpoints that carry authorization metadata (or all, under a fallback policy).
/// </summary>
internal static class AccessPipeline
{
    // What WebApplication looks for before adding either middleware itself at the front of the pipeline.
    private const string AuthenticationSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationSetKey = "__AuthorizationMiddlewareSet";

    public static IApplicationBuilder UseAccess(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        if (AuthenticationApplies(services.GetRequiredService<IAuthenticationSchemeProvider>())) app.UseAuthentication();
        else app.Properties[AuthenticationSetKey] = true;

        app.Properties[AuthorizationSetKey] = true;
        var everyRequest = services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy is not null;
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        return app.Use(next =>
        {
            var authorization = new AuthorizationMiddleware(next, policies, services);
            return http => everyRequest || Authorizes(http.GetEndpoint()) ? authorization.Invoke(http) : next(http);
        });
    }

    internal static bool AuthenticationApplies(IAuthenticationSchemeProvider schemes) =>
        schemes.GetRequestHandlerSchemesAsync().GetAwaiter().GetResult().Any()
        || schemes.GetDefaultAuthenticateSchemeAsync().GetAwaiter().GetResult() is not null;

    private static bool Authorizes(Endpoint? endpoint) =>
        endpoint is null
        || endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
        || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
        || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null;
}

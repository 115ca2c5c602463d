using FlashSale.Hosting.Operators;
using Microsoft.AspNetCore.Authentication;

namespace FlashSale.Api.Operators;

/// <summary>Closes operator endpoints to buyers: <c>.RequireOperator()</c> on a route group.</summary>
public static class OperatorAccess
{
    public const string Policy = "operator";

    public static IServiceCollection AddOperatorAccess(this IServiceCollection services)
    {
        services.AddSingleton<OperatorKeyUses>();
        // Made with the keys at start, so the counter's series are scraped (at 0) before the first operator request.
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<OperatorKeyUses>();
            return ActivatorUtilities.CreateInstance<OperatorKey>(sp);
        });
        services.AddOperatorOptions();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, OperatorKeyAuthentication>(OperatorKeyAuthentication.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(OperatorKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    public static TBuilder RequireOperator<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(Policy).ProducesProblem(StatusCodes.Status401Unauthorized);
}

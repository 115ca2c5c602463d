using FlashSale.Api.Operators;
using FlashSale.Hosting.Operators;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Buyers;

/// <summary>
/// Buyer endpoints under <c>Buyers:Authentication</c>: <c>.RequireBuyer()</c> for placing an order (the buyer's
/// credential only), <c>.RequireOrderReader()</c> for order reads (a buyer's credential, or the operator key).
/// </summary>
public static class BuyerAccess
{
    public const string BuyerPolicy = "buyer";
    public const string OrderReaderPolicy = "order-reader";
    public const string UnauthorizedCode = "unauthorized";
    public const string UserMismatchCode = "user.mismatch";

    /// <summary>Forwards to the operator scheme when the operator key header is sent, to the buyer mode's otherwise.</summary>
    private const string BuyerOrOperatorScheme = "BuyerOrOperator";

    public static IServiceCollection AddBuyerAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<BuyerOptions>, BuyerOptionsValidator>();
        services.AddOptions<BuyerOptions>().Bind(configuration.GetSection(BuyerOptions.Section)).ValidateOnStart();
        services.AddSingleton<BuyerScopes>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BuyerApiKeyAuthentication>(BuyerApiKeyAuthentication.SchemeName, configureOptions: null)
            .AddJwtBearer(BuyerJwtAuthentication.SchemeName, _ => { })
            .AddPolicyScheme(BuyerOrOperatorScheme, displayName: null, scheme => scheme.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(OperatorOptions.HeaderName)
                    ? OperatorKeyAuthentication.SchemeName
                    : SchemeOf(http.RequestServices.GetRequiredService<IOptions<BuyerOptions>>().Value));
        services.AddOptions<JwtBearerOptions>(BuyerJwtAuthentication.SchemeName)
            .Configure<IOptions<BuyerOptions>>((jwt, buyers) => BuyerJwtAuthentication.Configure(jwt, buyers.Value));
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<BuyerOptions>>((authorization, buyers) =>
        {
            authorization.AddPolicy(BuyerPolicy, PolicyFor(buyers.Value, SchemeOf(buyers.Value)));
            authorization.AddPolicy(OrderReaderPolicy, PolicyFor(buyers.Value, BuyerOrOperatorScheme));
        });
        return services;
    }

    public static RouteHandlerBuilder RequireBuyer(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireBuyerPolicy(BuyerPolicy).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static RouteHandlerBuilder RequireOrderReader(this RouteHandlerBuilder endpoint) => endpoint.RequireBuyerPolicy(OrderReaderPolicy)
        .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Under <c>None</c> the buyer policies ask for nothing, so the endpoint gets none: evaluating an always-true
    /// policy cost every order an authorization service, a handler context and a principal (ADR 0027).</summary>
    private static RouteHandlerBuilder RequireBuyerPolicy(this RouteHandlerBuilder endpoint, string policy)
    {
        endpoint.Add(builder =>
        {
            var buyers = builder.ApplicationServices.GetRequiredService<IOptions<BuyerOptions>>().Value;
            if (buyers.Authentication != BuyerAuthentication.None) builder.Metadata.Add(new AuthorizeAttribute(policy));
        });
        return endpoint;
    }

    private static string SchemeOf(BuyerOptions buyers) => buyers.Authentication == BuyerAuthentication.Jwt
        ? BuyerJwtAuthentication.SchemeName
        : BuyerApiKeyAuthentication.SchemeName;

    // None: every caller is the trusted back end, so the policy asks for nothing (and authenticates nobody).
    private static AuthorizationPolicy PolicyFor(BuyerOptions buyers, string scheme) => buyers.Authentication == BuyerAuthentication.None
        ? new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build()
        : new AuthorizationPolicyBuilder(scheme).RequireAuthenticatedUser().Build();
}

using FlashSale.Api.Buyers;
using FlashSale.Api.Operators;
using FlashSale.Hosting.Operators;
using FlashSale.Payments.Callbacks;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>The credentials of <see cref="EndpointAccess"/> as OpenAPI security schemes, and each operation's
/// requirement: any one of its alternatives opens it.</summary>
internal static class SecuritySchemes
{
    private static readonly Dictionary<string, Func<OpenApiSecurityScheme>> Schemes = new()
    {
        [EndpointAccess.OperatorKey] = () => new()
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = OperatorOptions.HeaderName,
            Description = "The operator API key (`Operators:ApiKey`, or `Operators:PreviousApiKey` while it is rotated). Opens the operator endpoints and every order read.",
        },
        [EndpointAccess.BuyerApiKey] = () => new()
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = BuyerOptions.ApiKeyHeader,
            Description = "The shop back end's buyer API key (`Buyers:Authentication=ApiKey`, `Buyers:ApiKey`); acts for any user.",
        },
        [EndpointAccess.BuyerJwt] = () => new()
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
            Description = "A buyer's token (`Buyers:Authentication=Jwt`); the user is its `sub` and acts for itself only.",
        },
        [EndpointAccess.PaymentSignature] = () => new()
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = CallbackSignature.HeaderName,
            Description = "The payment provider's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with " +
                "Payments:CallbackSecret>`.",
        },
    };

    public static void Apply(OpenApiOperation operation, EndpointAccess access, OpenApiDocument document)
    {
        if (access.Alternatives.Count == 0) return;
        operation.Security = [.. access.Alternatives.Select(scheme => new OpenApiSecurityRequirement
        {
            [Reference(scheme, document)] = [],
        })];
    }

    private static OpenApiSecuritySchemeReference Reference(string scheme, OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        if (!document.Components.SecuritySchemes.ContainsKey(scheme)) document.Components.SecuritySchemes[scheme] = Schemes[scheme]();
        return new OpenApiSecuritySchemeReference(scheme, document);
    }
}

using FlashSale.Api.Http;
using FlashSale.Api.Queries;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Cors;

/// <summary><c>Cors:AllowedOrigins</c>: the shop front ends whose pages may call the API from a browser. Empty (the
/// default): no CORS at all, a browser keeps other origins out.</summary>
public sealed class CrossOriginOptions
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>CORS for the API's routes: the methods and request headers its endpoints take, and the response headers a
/// page needs to read (where a created resource is, when to retry, the correlation id, the read model's position).</summary>
public static class CrossOrigin
{
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    public static readonly string[] RequestHeaders =
        ["Content-Type", "Authorization", "X-Api-Key", "X-Buyer-Api-Key", RequestContext.CorrelationHeader, "Idempotency-Key"];

    public static readonly string[] ExposedHeaders =
        ["Location", "Retry-After", RequestContext.CorrelationHeader, ReadModelGate.PositionHeader, "Deprecation", "Link", "Content-Disposition"];

    public static IServiceCollection AddCrossOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<CrossOriginOptions>, CrossOriginOptionsValidator>();
        services.AddOptions<CrossOriginOptions>().Bind(configuration.GetSection(CrossOriginOptions.Section)).ValidateOnStart();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, options) =>
        {
            var origins = options.Value.AllowedOrigins;
            if (origins.Length == 0) return;
            cors.AddDefaultPolicy(policy =>
            {
                if (origins is [CrossOriginOptionsValidator.AnyOrigin]) policy.AllowAnyOrigin();
                else policy.WithOrigins(origins);
                policy.WithMethods(Methods).WithHeaders(RequestHeaders).WithExposedHeaders(ExposedHeaders)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            });
        });
        return services;
    }

    /// <summary>Before the limits and authentication: a preflight carries no credentials and must not spend a permit.</summary>
    public static IApplicationBuilder UseCrossOrigin(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<CrossOriginOptions>>().Value.AllowedOrigins.Length > 0 ? app.UseCors() : app;
}

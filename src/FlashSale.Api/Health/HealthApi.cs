using FlashSale.Api.Shutdown;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Health;

public sealed record LivenessStatus(string Status);

public static class HealthApi
{
    public const string EventStoreCheck = "eventStore";
    public const string ReadStoreCheck = "readStore";
    public const string ProjectionsCheck = "projections";
    public const string CircuitBreakerCheck = "circuitBreaker";
    public const string StoppingCheck = "stopping";
    public const string CatchUpCheck = "catchUp";
    private const string Ready = "ready";

    public static IServiceCollection AddHealthApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section))
            .Validate(o => o.MaxProjectionLagSeconds >= 0, "Health:MaxProjectionLagSeconds must be 0 or more.")
            .Validate(o => o.DegradedStatusCode is 200 or 503, "Health:DegradedStatusCode must be 200 or 503.")
            .Validate(o => o.TimeoutSeconds is > 0 and <= 60, "Health:TimeoutSeconds must be above 0 and at most 60.")
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<EventStoreHealthCheck>(EventStoreCheck, tags: [Ready])
            .AddCheck<ReadStoreHealthCheck>(ReadStoreCheck, tags: [Ready])
            .AddCheck<ProjectionLagHealthCheck>(ProjectionsCheck, tags: [Ready])
            .AddCheck<CircuitBreakerHealthCheck>(CircuitBreakerCheck, tags: [Ready])
            .AddCheck<StoppingHealthCheck>(StoppingCheck, tags: [Ready])
            .AddCheck<CatchUpHealthCheck>(CatchUpCheck, tags: [Ready]);
        services.TryAddSingleton<ServerStopping>();
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/health", [HttpMethods.Get, HttpMethods.Head], GetLiveness)
            .WithTags("Health").WithName("Health").WithSummary("The process is up");
        var degraded = app.ServiceProvider.GetRequiredService<IOptions<HealthOptions>>().Value.DegradedStatusCode;
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = ReadinessReport.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = degraded,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithTags("Health").WithName("Readiness").WithSummary("Event store, read store, projection lag, breaker and catching up after a start")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ReadinessReport), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ReadinessReport), ["application/json"]));
        return app;
    }

    public static Ok<LivenessStatus> GetLiveness() => TypedResults.Ok(new LivenessStatus("live"));
}

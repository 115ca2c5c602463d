using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.Health;

public sealed record HealthStatus(string Status);

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetLiveness).WithTags("Health").WithName("Health").WithSummary("The process is up");
        return app;
    }

    public static Ok<HealthStatus> GetLiveness() => TypedResults.Ok(new HealthStatus("live"));
}

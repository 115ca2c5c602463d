using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.Docs;

/// <param name="Docs">The API reference page; null when <c>Docs:Enabled</c> is off.</param>
/// <param name="OpenApi">The OpenAPI document; null when <c>Docs:Enabled</c> is off.</param>
public sealed record IndexLinks(string Health, string Ready, string Metrics, string? Docs, string? OpenApi);

public sealed record ApiIndex(string Name, string Version, IndexLinks Links);

/// <summary><c>GET /</c>: what answers here and where its parts are, for whoever opens the address first.</summary>
public static class IndexApi
{
    public const string Name = "FlashSale.EventSourced";

    public static IEndpointRouteBuilder MapIndexApi(this IEndpointRouteBuilder app)
    {
        var docs = ApiReference.IsOn(app.ServiceProvider);
        var index = new ApiIndex(Name, ApiReference.Version, new IndexLinks("/health", "/health/ready", "/metrics",
            docs ? ApiReference.PagePath : null, docs ? ApiReference.DocumentPath : null));
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], () => GetIndex(index))
            .WithTags("Index").WithName("Index").WithSummary("The service's name, version and links to health, docs and metrics");
        return app;
    }

    public static Ok<ApiIndex> GetIndex(ApiIndex index) => TypedResults.Ok(index);
}

using System.Reflection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace FlashSale.Api.Docs;

/// <summary>The OpenAPI document at <see cref="DocumentPath"/> and the Scalar reference page at <see cref="PagePath"/>,
/// both behind <c>Docs:Enabled</c>.</summary>
public static class ApiReference
{
    public const string DocumentName = "v1";
    public const string DocumentPath = $"/openapi/{DocumentName}.json";
    public const string PagePath = "/docs";

    public static string Version { get; } =
        typeof(ApiReference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static IServiceCollection AddApiReference(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocsOptions>().Bind(configuration.GetSection(DocsOptions.Section)).ValidateOnStart();
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddSchemaTransformer<SchemaRules>();
            options.AddOperationTransformer<OperationRules>();
            options.AddDocumentTransformer<UndescribedEndpoints>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "FlashSale.EventSourced API",
                    Version = Version,
                    Description = "Commands, queries and operator endpoints of the flash-sale engine. Errors are " +
                        "`application/problem+json` with a stable `code`; each response lists the codes it can carry " +
                        "(`x-problem-codes`). Commands answer a `position`: pass it as `minPosition` to read your own write.",
                };
                // Every problem response names the API's own Problem schema; the framework's is left unused.
                document.Components?.Schemas?.Remove("ProblemDetails");
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static bool IsOn(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DocsOptions>>().Value.IsOn(services.GetRequiredService<IHostEnvironment>());

    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (!IsOn(app.Services)) return app;
        app.MapOpenApi($"/openapi/{{documentName}}.json");
        app.MapScalarApiReference(PagePath, options => options
            .WithTitle("FlashSale.EventSourced API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}

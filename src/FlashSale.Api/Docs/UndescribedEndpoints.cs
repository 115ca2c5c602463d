using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>
/// Endpoints mapped with a plain request delegate (<c>/health/ready</c>'s health checks, <c>/metrics</c>) are not seen
/// by the framework's API description: each is described here from its metadata (name, summary, tags,
/// <c>Produces</c>), so that the document lists every route. An endpoint without methods answers any; it is described as GET.
/// </summary>
internal sealed class UndescribedEndpoints : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var services = context.ApplicationServices;
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }) continue;
            var path = DocumentedRoutes.PathOf(endpoint.RoutePattern);
            foreach (var method in DocumentedRoutes.MethodsOf(endpoint))
            {
                document.Paths ??= [];
                if (!document.Paths.TryGetValue(path, out var item)) document.Paths[path] = item = new OpenApiPathItem();
                var operations = ((OpenApiPathItem)item).Operations ??= [];
                var verb = HttpMethod.Parse(method);
                if (operations.ContainsKey(verb)) continue;
                var operation = await OperationOfAsync(endpoint, document, context, cancellationToken);
                await OperationRules.DescribeAsync(operation, [.. endpoint.Metadata], path, method, document, services,
                    type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));
                operations[verb] = operation;
            }
        }
    }

    private static async Task<OpenApiOperation> OperationOfAsync(RouteEndpoint endpoint, OpenApiDocument document,
        OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = endpoint.Metadata;
        var operation = new OpenApiOperation
        {
            OperationId = metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            Summary = metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary,
            Tags = new HashSet<OpenApiTagReference>(metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags)
                .Select(tag => TagOf(tag, document))),
            Responses = [],
        };
        foreach (var produces in metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            var response = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(produces.StatusCode),
                Content = new Dictionary<string, OpenApiMediaType>(),
            };
            foreach (var contentType in produces.ContentTypes)
                response.Content[contentType] = new OpenApiMediaType
                {
                    Schema = produces.Type is { } type && type != typeof(void) ? await ComponentAsync(document, type, context, cancellationToken) : null,
                };
            operation.Responses[produces.StatusCode.ToString(CultureInfo.InvariantCulture)] = response;
        }
        return operation;
    }

    private static OpenApiTagReference TagOf(string tag, OpenApiDocument document)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == tag)) document.Tags.Add(new OpenApiTag { Name = tag });
        return new OpenApiTagReference(tag, document);
    }

    private static async Task<IOpenApiSchema> ComponentAsync(OpenApiDocument document, Type type, OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        return new OpenApiSchemaReference(type.Name, document);
    }
}

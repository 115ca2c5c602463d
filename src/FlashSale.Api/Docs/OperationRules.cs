using FlashSale.Api.Buyers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>What the framework cannot see in an endpoint's metadata, added to each operation: bodies, problem codes,
/// credentials, unique operation ids, parameter meanings.</summary>
internal sealed class OperationRules : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        DescribeAsync(operation, [.. context.Description.ActionDescriptor.EndpointMetadata], "/" + context.Description.RelativePath,
            context.Description.HttpMethod ?? HttpMethods.Get, context.Document!, context.ApplicationServices,
            type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));

    public static async Task DescribeAsync(OpenApiOperation operation, IReadOnlyList<object> metadata, string route, string method,
        OpenApiDocument document, IServiceProvider services, Func<Type, Task<OpenApiSchema>> schemaOf)
    {
        var access = EndpointAccess.Of(metadata, services.GetRequiredService<IOptions<BuyerOptions>>().Value.Authentication);
        operation.OperationId = OperationIds.Of(operation.OperationId, metadata, method);
        await RequestBodies.ApplyAsync(operation, metadata, document, schemaOf);
        DeclaredContent.Apply(operation, metadata);
        await ProblemResponses.ApplyAsync(operation, metadata, route, access, document, schemaOf);
        SecuritySchemes.Apply(operation, access, document);
        QueryParameters.Apply(operation);
    }
}

using Microsoft.AspNetCore.Routing.Patterns;

namespace FlashSale.Api.Docs;

/// <summary>How a mapped route appears in the document: its path (<c>/api/items/</c> is <c>/api/items</c>) and methods.</summary>
public static class DocumentedRoutes
{
    public static string PathOf(RoutePattern pattern)
    {
        var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
        return path;
    }

    /// <summary>An endpoint that names no method answers every one; it is documented as GET.</summary>
    public static IReadOnlyList<string> MethodsOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : [HttpMethods.Get];
}

using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>A streamed answer (the export's JSON lines or CSV) returns an empty result type, whose own "200, no body"
/// metadata hides the media types the endpoint declares with <c>Produces</c>: those are put back.</summary>
internal static class DeclaredContent
{
    public static void Apply(OpenApiOperation operation, IReadOnlyList<object> metadata)
    {
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>()
                     .Where(p => (p.Type is null || p.Type == typeof(void)) && p.ContentTypes.Any()))
        {
            if (operation.Responses?.GetValueOrDefault(declared.StatusCode.ToString(CultureInfo.InvariantCulture)) is not OpenApiResponse response)
                continue;
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var contentType in declared.ContentTypes) response.Content.TryAdd(contentType, new OpenApiMediaType());
        }
    }
}

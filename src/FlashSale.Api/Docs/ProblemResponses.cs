using System.Globalization;
using System.Text.Json.Nodes;
using FlashSale.Api.Http;
using FlashSale.Api.Queries;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>
/// Every problem response of an operation, built from the endpoint's <see cref="ProblemCodesMetadata"/>, its access
/// rules and what every endpoint can answer: the <c>Problem</c> schema with the status's codes as an enum of
/// <c>code</c>, and the same codes as <c>x-problem-codes</c>. A problem status without codes is not described.
/// </summary>
internal static class ProblemResponses
{
    public const string CodesExtension = "x-problem-codes";

    public static async Task ApplyAsync(OpenApiOperation operation, IReadOnlyList<object> metadata, string route, EndpointAccess access,
        OpenApiDocument document, Func<Type, Task<OpenApiSchema>> schemaOf)
    {
        var codes = CodesOf(metadata, route, access);
        var problem = await ComponentAsync(document, nameof(Problem), typeof(Problem), schemaOf);
        var behind = await ComponentAsync(document, nameof(ReadModelBehindProblem), typeof(ReadModelBehindProblem), schemaOf);
        var responses = operation.Responses ??= [];
        foreach (var status in responses.Where(r => r.Value.Content?.ContainsKey(ProblemResult.MediaType) == true).Select(r => r.Key).ToList())
            responses.Remove(status);
        foreach (var (status, set) in codes)
        {
            IOpenApiSchema shape = set.Contains(ReadModelBehindException.Code) ? new OpenApiSchema { AnyOf = [problem, behind] } : problem;
            responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = $"{ReasonPhrases.GetReasonPhrase(status)}. Problem codes: {string.Join(", ", set.Select(c => $"`{c}`"))}.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemResult.MediaType] = new() { Schema = new OpenApiSchema { AllOf = [shape, CodeEnum(set)] } },
                },
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    [CodesExtension] = new JsonNodeExtension(new JsonArray([.. set.Select(c => (JsonNode)c)])),
                },
            };
        }
        var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (status, response) in sorted) responses[status] = response;
    }

    private static SortedDictionary<int, SortedSet<string>> CodesOf(IReadOnlyList<object> metadata, string route, EndpointAccess access)
    {
        var codes = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, IEnumerable<string> some)
        {
            if (!codes.TryGetValue(status, out var set)) codes[status] = set = new(StringComparer.Ordinal);
            set.UnionWith(some);
        }
        foreach (var declared in metadata.OfType<ProblemCodesMetadata>().Concat(access.Problems)) Add(declared.Status, declared.Codes);
        Add(StatusCodes.Status500InternalServerError, ["internal_error"]);
        // The global concurrency limit and a stopping instance refuse every request but the probes
        // (Limits/AdmissionLimits, Shutdown/StoppingRequests).
        if (!IsProbe(route)) Add(StatusCodes.Status503ServiceUnavailable, [Problems.Overloaded, FlashSale.Api.Shutdown.StoppingRequests.Code]);
        return codes;
    }

    private static bool IsProbe(string route) =>
        route.StartsWith("/health", StringComparison.Ordinal) || route.StartsWith("/metrics", StringComparison.Ordinal);

    private static OpenApiSchema CodeEnum(IEnumerable<string> codes) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. codes.Select(c => (JsonNode)c)] },
        },
    };

    private static async Task<OpenApiSchemaReference> ComponentAsync(OpenApiDocument document, string id, Type type,
        Func<Type, Task<OpenApiSchema>> schemaOf)
    {
        if (document.Components?.Schemas?.ContainsKey(id) != true) document.AddComponent(id, await schemaOf(type));
        return new OpenApiSchemaReference(id, document);
    }
}

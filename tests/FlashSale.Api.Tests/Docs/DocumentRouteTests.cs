using System.Reflection;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Docs;

/// <summary>The OpenAPI document describes exactly the routes the API maps, each once, with its body and its problems.</summary>
public sealed class DocumentRouteTests : IClassFixture<DocumentRouteTests.DefaultApi>
{
    private readonly FlashSaleApiFactory _api;

    public DocumentRouteTests(DefaultApi api) => _api = api.Api;

    public sealed class DefaultApi : IDisposable
    {
        public FlashSaleApiFactory Api { get; } = new();

        public void Dispose() => Api.Dispose();
    }

    /// <summary>The document and the reference page serve the API; they are not part of it.</summary>
    private static bool IsReference(string path) => path.StartsWith("/openapi/", StringComparison.Ordinal) || path == "/docs" ||
        path.StartsWith("/docs/", StringComparison.Ordinal);

    private IEnumerable<RouteEndpoint> MappedEndpoints => _api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    [Fact]
    public async Task the_document_lists_every_mapped_route_and_method_and_no_other()
    {
        var document = await ApiDocument.FetchAsync(_api.Buyer);

        var mapped = MappedEndpoints
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .Where(e => !IsReference(e.Path))
            // An endpoint mapped for any method (/metrics) is documented as GET.
            .SelectMany(e => (e.Methods is { Count: > 0 } methods ? methods : ["GET"]).Select(m => $"{m} {e.Path}"))
            .ToHashSet();
        var documented = document.Operations.Select(o => $"{o.Method} {o.Path}").ToHashSet();

        mapped.Except(documented).ShouldBeEmpty("mapped but not documented");
        documented.Except(mapped).ShouldBeEmpty("documented but not mapped");
        mapped.ShouldContain("GET /health/ready");
        mapped.ShouldContain("GET /metrics");
        mapped.ShouldContain("HEAD /");
    }

    [Fact]
    public async Task the_codes_of_input_rules_outages_and_shutdown_are_documented_where_they_are_answered()
    {
        var document = await ApiDocument.FetchAsync(_api.Buyer);
        IReadOnlyList<string> Codes(string method, string path, string status) =>
            ApiDocument.ProblemCodes(document.Find(method, path).Operation.GetProperty("responses").GetProperty(status));

        Codes("POST", "/api/items", "400").ShouldContain("item.sale_already_ended");
        Codes("POST", "/api/orders", "415").ShouldContain("unsupported_charset");
        Codes("GET", "/api/items/x", "503").ShouldContain("read_store.unavailable");
        Codes("POST", "/api/orders", "503").ShouldContain("server.stopping");
        Codes("POST", "/api/admin/projections/inventory/rebuild", "409").ShouldContain("projection.rebuild_running");
    }

    [Fact]
    public async Task every_operation_has_its_own_operation_id()
    {
        var document = await ApiDocument.FetchAsync(_api.Buyer);

        var ids = document.Operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : $"(none: {o.Method} {o.Path})").ToList();

        ids.ShouldAllBe(id => id != null && !id.StartsWith("(none"));
        ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        document.Find("GET", "/api/admin/audit/verify").Operation.GetProperty("operationId").GetString().ShouldBe("VerifyReadModels");
        document.Find("POST", "/api/admin/audit/verify").Operation.GetProperty("operationId").GetString().ShouldBe("VerifyReadModelsPost");
    }

    [Fact]
    public async Task every_handler_that_reads_a_json_body_documents_that_body_and_no_other_does()
    {
        var document = await ApiDocument.FetchAsync(_api.Buyer);

        foreach (var endpoint in MappedEndpoints.Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null &&
            e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null && !IsReference("/" + e.RoutePattern.RawText!.Trim('/'))))
        {
            var body = endpoint.Metadata.GetMetadata<MethodInfo>()!.GetParameters()
                .FirstOrDefault(p => p.ParameterType.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is not null &&
                    p.ParameterType.Name.EndsWith("Body", StringComparison.Ordinal));
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                var (template, operation) = document.Find(method, "/" + endpoint.RoutePattern.RawText!.Trim('/'));
                if (body is null)
                {
                    operation.TryGetProperty("requestBody", out _).ShouldBeFalse($"{method} {template} reads no body");
                    continue;
                }
                var requestBody = operation.GetProperty("requestBody");
                requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
                    .ShouldBe($"#/components/schemas/{body.ParameterType.Name}");
                IsRequired(requestBody).ShouldBe(new NullabilityInfoContext().Create(body).ReadState != NullabilityState.Nullable, $"{method} {template}");
            }
        }
        SchemaCheck.Resolve("#/components/schemas/PlaceOrderBody", document.Root).GetProperty("required").EnumerateArray()
            .Select(r => r.GetString()).ShouldBe(["orderId", "itemId", "userId", "quantity"], ignoreOrder: true);
        IsRequired(document.Find("POST", "/api/admin/dlq/x/discard").Operation.GetProperty("requestBody")).ShouldBeFalse();
    }

    /// <summary>OpenAPI leaves out <c>required: false</c>.</summary>
    private static bool IsRequired(JsonElement requestBody) =>
        requestBody.TryGetProperty("required", out var required) && required.GetBoolean();

    [Fact]
    public async Task every_problem_response_names_its_codes_as_an_extension_and_as_the_enum_of_code()
    {
        var document = await ApiDocument.FetchAsync(_api.Buyer);

        foreach (var (method, path, operation) in document.Operations)
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem))
                    continue;
                var codes = ApiDocument.ProblemCodes(response.Value);
                codes.ShouldNotBeEmpty($"{method} {path} {response.Name}");
                var schema = problem.GetProperty("schema");
                var code = schema.GetProperty("allOf")[1].GetProperty("properties").GetProperty("code");
                code.GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ShouldBe(codes);
                // The description says them too, for readers of the rendered page.
                foreach (var c in codes) response.Value.GetProperty("description").GetString()!.ShouldContain($"`{c}`");
            }
        ApiDocument.ProblemCodes(document.Find("POST", "/api/orders").Operation.GetProperty("responses").GetProperty("409"))
            .ShouldBe(["order.id_reused", "per_user_limit", "sale_not_active", "sold_out"]);
        ApiDocument.ProblemCodes(document.Find("GET", "/api/items").Operation.GetProperty("responses").GetProperty("503"))
            .ShouldBe(["overloaded", "read_model.behind", "read_store.unavailable", "server.stopping"]);
    }

    [Fact]
    public async Task queries_document_min_position_and_paging_parameters()
    {
        var document = await ApiDocument.FetchAsync(_api.Buyer);

        foreach (var path in new[] { "/api/items", "/api/items/x", "/api/orders/x", "/api/users/x/orders", "/api/admin/dlq", "/api/admin/dlq/x" })
        {
            var parameters = document.Find("GET", path).Operation.GetProperty("parameters").EnumerateArray().ToList();
            var minPosition = parameters.Single(p => p.GetProperty("name").GetString() == "minPosition");
            minPosition.GetProperty("in").GetString().ShouldBe("query");
            minPosition.GetProperty("description").GetString()!.ShouldContain("read_model.behind");
        }
        var limit = document.Find("GET", "/api/items").Operation.GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "limit").GetProperty("schema");
        (limit.GetProperty("type").GetString(), limit.GetProperty("minimum").GetInt32(), limit.GetProperty("maximum").GetInt32())
            .ShouldBe(("integer", 1, 500));
    }

    [Fact]
    public async Task operator_endpoints_require_the_operator_key_and_buyer_endpoints_are_open_without_buyer_authentication()
    {
        var document = await ApiDocument.FetchAsync(_api.Buyer);

        document.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty("OperatorKey").GetProperty("name").GetString()
            .ShouldBe("X-Api-Key");
        Security(document, "POST", "/api/items").ShouldBe(["OperatorKey"]);
        Security(document, "GET", "/api/admin/dlq").ShouldBe(["OperatorKey"]);
        Security(document, "POST", "/api/orders/x/payment").ShouldBe(["PaymentSignature"]);
        Security(document, "POST", "/api/orders").ShouldBeEmpty();
        document.Find("POST", "/api/orders").Operation.GetProperty("responses").TryGetProperty("401", out _).ShouldBeFalse();
        ApiDocument.ProblemCodes(document.Find("GET", "/api/admin/dlq").Operation.GetProperty("responses").GetProperty("401")).ShouldBe(["unauthorized"]);
    }

    public static IReadOnlyList<string> Security(ApiDocument document, string method, string path) =>
        document.Find(method, path).Operation.TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name))]
            : [];
}

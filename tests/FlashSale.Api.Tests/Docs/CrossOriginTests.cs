using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Docs;

/// <summary><c>Cors:AllowedOrigins</c> lets a shop front end's pages call the API from a browser; nothing else may.</summary>
public sealed class CrossOriginTests
{
    private const string Shop = "https://shop.example.com";

    private static FlashSaleApiFactory ApiAllowing(params string[] origins) =>
        new(origins.Select((o, i) => KeyValuePair.Create($"Cors:AllowedOrigins:{i}", (string?)o)).ToDictionary());

    private static HttpRequestMessage Preflight(string path, string origin, string method = "POST",
        string headers = "content-type,authorization,x-correlation-id")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task an_allowed_origin_passes_the_preflight_of_an_order_with_the_apis_headers()
    {
        using var api = ApiAllowing(Shop);

        using var response = await api.Buyer.SendAsync(Preflight("/api/orders", Shop));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(Shop);
        Header(response, "Access-Control-Allow-Methods")!.ShouldContain("POST");
        foreach (var header in new[] { "content-type", "authorization", "x-correlation-id" })
            Header(response, "Access-Control-Allow-Headers")!.ShouldContain(header, Case.Insensitive);
        using var operatorPreflight = await api.Buyer.SendAsync(Preflight("/api/admin/dlq/o-1/retry", Shop, headers: "x-api-key"));
        Header(operatorPreflight, "Access-Control-Allow-Origin").ShouldBe(Shop);
    }

    [Fact]
    public async Task an_answer_to_an_allowed_origin_exposes_location_retry_after_and_the_correlation_id_even_on_errors()
    {
        using var api = ApiAllowing(Shop);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/dlq");
        request.Headers.Add("Origin", Shop);

        using var response = await api.Buyer.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(Shop);
        var exposed = Header(response, "Access-Control-Expose-Headers")!;
        foreach (var header in new[] { "Location", "Retry-After", "X-Correlation-Id" }) exposed.ShouldContain(header);
    }

    [Fact]
    public async Task another_origin_gets_no_cors_grant()
    {
        using var api = ApiAllowing(Shop);

        using var response = await api.Buyer.SendAsync(Preflight("/api/orders", "https://evil.example.com"));

        Header(response, "Access-Control-Allow-Origin").ShouldBeNull();
    }

    [Fact]
    public async Task without_allowed_origins_there_is_no_cors_at_all()
    {
        using var api = new FlashSaleApiFactory();

        using var preflight = await api.Buyer.SendAsync(Preflight("/api/orders", Shop));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", Shop);
        using var simple = await api.Buyer.SendAsync(request);

        preflight.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        Header(preflight, "Access-Control-Allow-Origin").ShouldBeNull();
        Header(simple, "Access-Control-Allow-Origin").ShouldBeNull();
    }
}

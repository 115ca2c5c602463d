using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Docs;

/// <summary><c>Docs:Enabled</c> switches the reference page and the document together; <c>GET /</c> says where they are.</summary>
public sealed class ApiReferencePageTests
{
    [Fact]
    public async Task in_development_docs_serves_the_html_reference_page_of_the_document()
    {
        using var api = new FlashSaleApiFactory();

        using var page = await api.Buyer.GetAsync("/docs");
        var html = await page.Content.ReadAsStringAsync();

        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        page.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        // The page (reached through /docs -> /docs/) loads the document from the application's root.
        html.ShouldContain("\"url\":\"openapi/v1.json\"");
        (await api.Buyer.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Its script is served by the API itself: the page works without reaching any other site.
        using var script = await api.Buyer.GetAsync("/docs/scalar.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType?.MediaType.ShouldBe("text/javascript");
    }

    [Theory]
    [InlineData("Development", "false")]
    [InlineData("Production", null)]
    public async Task switched_off_or_outside_development_by_default_neither_page_nor_document_is_served(string environment, string? enabled)
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?> { ["environment"] = environment, ["Docs:Enabled"] = enabled });

        (await HttpAnswer.ReadAsync(await api.Buyer.GetAsync("/docs"))).Code.ShouldBe("http_404");
        (await HttpAnswer.ReadAsync(await api.Buyer.GetAsync("/openapi/v1.json"))).Code.ShouldBe("http_404");
        var index = (await HttpAnswer.ReadAsync(await api.Buyer.GetAsync("/"))).Json.GetProperty("links");
        index.GetProperty("docs").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        index.GetProperty("openApi").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task outside_development_docs_enabled_serves_them()
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?> { ["environment"] = "Production", ["Docs:Enabled"] = "true" });

        (await api.Buyer.GetAsync("/docs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Buyer.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_root_answers_an_index_with_name_version_and_links_and_head_too()
    {
        using var api = new FlashSaleApiFactory();

        var index = await HttpAnswer.ReadAsync(await api.Buyer.GetAsync("/"));
        using var head = await api.Buyer.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        index.Status.ShouldBe(HttpStatusCode.OK, index.ToString());
        index.MediaType.ShouldBe("application/json");
        index.String("name").ShouldBe("FlashSale.EventSourced");
        index.String("version").ShouldNotBeNullOrWhiteSpace();
        var links = index.Json.GetProperty("links");
        foreach (var (name, path) in new[] { ("health", "/health"), ("ready", "/health/ready"), ("metrics", "/metrics"), ("docs", "/docs"), ("openApi", "/openapi/v1.json") })
        {
            links.GetProperty(name).GetString().ShouldBe(path);
            (await api.Buyer.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

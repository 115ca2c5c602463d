using System.Net;
using FlashSale.Api.Orders;
using FlashSale.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Orders;

/// <summary>
/// The order's request path without the framework's per-request helpers (ADR 0037): the order endpoint is served by its
/// own delegate with its services resolved once, so an order opens no request service scope; the bare error statuses
/// still get their problem bodies from the concurrency limit's frame, on the limited routes and on the probes' alike.
/// </summary>
public sealed class OrderRequestPathTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();
    private readonly ScopesSeen _scopes = new();
    private readonly WebApplicationFactory<Program> _probed;

    public OrderRequestPathTests() =>
        _probed = _api.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(_scopes).AddTransient<IStartupFilter, ScopeProbe>()));

    public void Dispose()
    {
        _probed.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task an_order_its_repeat_its_rejection_and_its_refusal_open_no_request_service_scope()
    {
        var operatorClient = _probed.CreateClient();
        operatorClient.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        var itemId = Ids.New("scopeless");
        (await operatorClient.ListItemAsync(itemId, stock: 1)).Status.ShouldBe(HttpStatusCode.Created);
        var buyer = _probed.CreateClient();
        var orderId = Ids.New("order");

        (await buyer.PlaceOrderAsync(orderId, itemId, "u-1")).Status.ShouldBe(HttpStatusCode.Created);
        (await buyer.PlaceOrderAsync(orderId, itemId, "u-1")).Status.ShouldBe(HttpStatusCode.Created);
        (await buyer.PlaceOrderAsync(Ids.New("order"), itemId, "u-2")).Status.ShouldBe(HttpStatusCode.Conflict);
        (await buyer.PostRawAsync("/api/orders", "{}")).Status.ShouldBe(HttpStatusCode.BadRequest);
        // The probe sees a scope where there is one: the framework's delegates resolve their services from the request's.
        (await buyer.GetAsync($"/api/items/{itemId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        _scopes.Of("/api/orders").ShouldBe([false, false, false, false]);
        _scopes.Of($"/api/items/{itemId}").ShouldBe([true]);
    }

    [Fact]
    public void an_endpoint_filter_on_the_order_endpoint_stops_the_start_instead_of_being_skipped()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        PlaceOrderEndpoint.ServedByHand(app.MapPost("/api/orders", () => Results.Ok()))
            .AddEndpointFilter((context, next) => next(context));

        Should.Throw<InvalidOperationException>(() => ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList())
            .Message.ShouldContain("runs no endpoint filters");
    }

    [Theory]
    [InlineData("GET", "/api/nowhere", 404)]
    [InlineData("GET", "/health/nowhere", 404)]
    [InlineData("DELETE", "/api/orders", 405)]
    public async Task a_bare_error_status_still_answers_a_problem_body(string method, string path, int status)
    {
        using var answer = await _api.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var read = await HttpAnswer.ReadAsync(answer);

        ((int)read.Status).ShouldBe(status, read.ToString());
        read.MediaType.ShouldBe("application/problem+json");
        read.Code.ShouldBe($"http_{status}");
        read.String("detail").ShouldBe($"{method} {path} answered {status}.");
    }

    private sealed class ScopesSeen
    {
        private readonly List<(string Path, bool Scoped)> _seen = [];

        public IReadOnlyList<bool> Of(string path) { lock (_seen) return [.. _seen.Where(s => s.Path == path).Select(s => s.Scoped)]; }

        public void Add(string path, bool scoped) { lock (_seen) _seen.Add((path, scoped)); }
    }

    /// <summary>Outermost: whether anything asked for the request's services (the feature is made on first use).</summary>
    private sealed class ScopeProbe(ScopesSeen seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                await inner(http);
                seen.Add(http.Request.Path, http.Features.Get<IServiceProvidersFeature>() is not null);
            });
            next(app);
        };
    }
}

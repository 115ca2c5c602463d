using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Application.CommandPath.Resilience;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Resilience;

/// <summary>The breaker in front of the command path's store, with a store that times out on demand.</summary>
public sealed class CircuitBreakerEndpointTests : IDisposable
{
    private readonly FlashSaleApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["CommandPath:CircuitBreaker:BreakSeconds"] = "1",
        ["CommandPath:CircuitBreaker:MaxBreakSeconds"] = "1",
    });
    private readonly WebApplicationFactory<Program> _api;
    private readonly HttpClient _client;

    public CircuitBreakerEndpointTests()
    {
        _api = OutageEventStore.Around(_factory);
        _client = _api.CreateClient();
        _client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
    }

    private OutageEventStore Store => (OutageEventStore)_api.Services.GetRequiredService<IEventStore>();

    private ICircuitState Circuit => _api.Services.GetRequiredService<ICircuitState>();

    [Fact]
    public async Task five_timeouts_open_the_circuit_then_orders_get_a_fast_503_with_retry_after_and_it_closes_once_the_store_is_back()
    {
        (await _client.ListItemAsync("fragile", stock: 100)).Status.ShouldBe(HttpStatusCode.Created);
        Store.Down = true;
        for (var i = 0; i < 5; i++)
            (await _client.PlaceOrderAsync($"order-{i}", "fragile", $"user-{i}")).Code.ShouldBe("event_store.timeout");
        Circuit.State.ShouldBe(BreakerState.Open);
        var callsWhenOpened = Store.CallsWhileDown;

        var watch = Stopwatch.StartNew();
        using var refused = await _client.PostAsJsonAsync("/api/orders", new { orderId = "order-5", itemId = "fragile", userId = "user-5", quantity = 1 });
        watch.Stop();
        var answer = await HttpAnswer.ReadAsync(refused);

        (answer.Status, answer.Code).ShouldBe((HttpStatusCode.ServiceUnavailable, "event_store.circuit_open"), answer.ToString());
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(500), "an open circuit answers without waiting for the store");
        Store.CallsWhileDown.ShouldBe(callsWhenOpened);

        Store.Down = false;
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        for (var i = 0; i < 6; i++)
            (await _client.PlaceOrderAsync($"order-{i}", "fragile", $"user-{i}")).Status.ShouldBe(HttpStatusCode.Created);

        Circuit.State.ShouldBe(BreakerState.Closed);
        var placed = (await EventLog.ReadItemAsync(Store, "fragile")).OfType<OrderPlaced>().Select(o => o.OrderId);
        placed.ShouldBe(Enumerable.Range(0, 6).Select(i => $"order-{i}"), ignoreOrder: true);
    }

    [Fact]
    public async Task a_disabled_breaker_lets_every_call_reach_the_store()
    {
        using var factory = new FlashSaleApiFactory(new Dictionary<string, string?> { ["CommandPath:CircuitBreaker:Enabled"] = "false" });
        using var api = OutageEventStore.Around(factory);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        (await client.ListItemAsync("fragile", stock: 100)).Status.ShouldBe(HttpStatusCode.Created);
        var store = (OutageEventStore)api.Services.GetRequiredService<IEventStore>();
        store.Down = true;

        for (var i = 0; i < 6; i++)
            (await client.PlaceOrderAsync($"order-{i}", "fragile", $"user-{i}")).Code.ShouldBe("event_store.timeout");

        store.CallsWhileDown.ShouldBe(6);
    }

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
        _factory.Dispose();
    }
}

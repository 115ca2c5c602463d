using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Orders;

/// <summary>When one item's queue is full, more orders answer 503 <c>overloaded</c> with Retry-After at once.</summary>
public sealed class OverloadedItemTests : IDisposable
{
    private readonly FlashSaleApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["CommandPath:MaxBatchSize"] = "1",
        ["CommandPath:MaxQueueLength"] = "2",
    });
    private readonly WebApplicationFactory<Program> _api;
    private readonly AppendGate _held = new();

    public OverloadedItemTests() => _api = _factory.WithEventStoreAround(store => new GatedEventStore(store, _held));

    [Fact]
    public async Task orders_beyond_the_items_queue_answer_503_overloaded_with_retry_after_while_earlier_ones_are_reserved()
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        var itemId = Ids.New("crowded");
        (await client.ListItemAsync(itemId, stock: 100)).Status.ShouldBe(HttpStatusCode.Created);
        _held.Close();
        var held = client.PlaceOrderAsync(Ids.New("held"), itemId, "held-buyer");
        await _held.Blocked.WaitAsync(TimeSpan.FromSeconds(30));

        var calls = Enumerable.Range(0, 12).Select(i => Task.Run(() => client.PostAsync("/api/orders",
            System.Net.Http.Json.JsonContent.Create(new { orderId = $"{itemId}-{i}", itemId, userId = $"buyer-{i}", quantity = 1 })))).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (calls.Count(c => c.IsCompleted) < 9 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var refused = calls.Where(c => c.IsCompleted).Select(c => c.Result).ToList();
        _held.Open();

        refused.Count.ShouldBeGreaterThanOrEqualTo(9, "one is decided on top of the held append, two wait, the rest are refused while it is held");
        foreach (var response in refused)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            (await HttpAnswer.ReadAsync(response)).Code.ShouldBe("overloaded");
        }
        (await held).Status.ShouldBe(HttpStatusCode.Created);
        foreach (var call in calls.Where(c => !refused.Contains(c.Result)))
            (await call).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public void Dispose()
    {
        _held.Open();
        _api.Dispose();
        _factory.Dispose();
    }
}

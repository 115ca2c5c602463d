using System.Net;
using FlashSale.Api.Limits;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Resilience;

/// <summary>The concurrency limit's queue: a request beyond the permits waits for one while the queue has room, and runs
/// once a permit is free; the one that finds the queue full is shed.</summary>
public sealed class ConcurrencyQueueTests : IDisposable
{
    private readonly FlashSaleApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["RateLimiting:Concurrency:PermitLimit"] = "1",
        ["RateLimiting:Concurrency:QueueLimit"] = "1",
    });
    private readonly WebApplicationFactory<Program> _api;

    public ConcurrencyQueueTests() => _api = OutageEventStore.Around(_factory);

    [Fact]
    public async Task a_queued_request_runs_after_the_permit_is_released_and_the_one_beyond_the_queue_is_shed()
    {
        var operatorClient = _api.CreateClient();
        operatorClient.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        (await operatorClient.ListItemAsync("queued", stock: 10, perUserLimit: 10)).Status.ShouldBe(HttpStatusCode.Created);
        var store = (OutageEventStore)_api.Services.GetRequiredService<IEventStore>();
        store.Down = true;
        var client = _api.CreateClient();
        var held = client.PlaceOrderAsync("held", "queued", "user-0");
        while (Volatile.Read(ref store.CallsWhileDown) == 0) await Task.Delay(10);
        // The held order still times out; whatever runs after it finds the store up.
        store.Down = false;

        var answers = await Task.WhenAll(client.PlaceOrderAsync("second", "queued", "user-1"), client.PlaceOrderAsync("third", "queued", "user-2"));

        answers.Select(a => a.Status).Order().ToArray().ShouldBe(new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }, string.Join("\n", answers));
        answers.Single(a => a.Status == HttpStatusCode.ServiceUnavailable).Code.ShouldBe(AdmissionLimits.OverloadedCode);
        (await held).Code.ShouldBe("event_store.timeout");
        _api.Services.GetRequiredService<IRateLimitRejections>().Count(AdmissionLimit.Concurrency).ShouldBe(1);
    }

    public void Dispose()
    {
        _api.Dispose();
        _factory.Dispose();
    }
}

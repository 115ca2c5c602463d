using System.Net;
using FlashSale.Api.Limits;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Resilience;

public sealed class ConcurrencyLimitTests : IDisposable
{
    private readonly FlashSaleApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["RateLimiting:Concurrency:PermitLimit"] = "2",
    });
    private readonly WebApplicationFactory<Program> _api;

    public ConcurrencyLimitTests() => _api = OutageEventStore.Around(_factory);

    [Fact]
    public async Task requests_beyond_the_limit_are_shed_at_once_with_503_while_health_still_answers()
    {
        var operatorClient = _api.CreateClient();
        operatorClient.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        (await operatorClient.ListItemAsync("slow", stock: 10, perUserLimit: 10)).Status.ShouldBe(HttpStatusCode.Created);
        var store = (OutageEventStore)_api.Services.GetRequiredService<IEventStore>();
        store.Down = true;
        var client = _api.CreateClient();
        var held = Enumerable.Range(0, 2).Select(i => client.PlaceOrderAsync($"held-{i}", "slow", $"user-{i}")).ToList();
        while (Volatile.Read(ref store.CallsWhileDown) == 0) await Task.Delay(10);

        var shed = await client.PlaceOrderAsync("shed", "slow", "user-9");
        var health = await client.GetAsync("/health");

        (shed.Status, shed.Code).ShouldBe((HttpStatusCode.ServiceUnavailable, AdmissionLimits.OverloadedCode), shed.ToString());
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        _api.Services.GetRequiredService<IRateLimitRejections>().Count(AdmissionLimit.Concurrency).ShouldBe(1);
        foreach (var answer in await Task.WhenAll(held)) answer.Code.ShouldBe("event_store.timeout");
    }

    public void Dispose()
    {
        _api.Dispose();
        _factory.Dispose();
    }
}

using System.Net;
using FlashSale.Api.Metrics;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Health;

public sealed class ReadinessTests
{
    [Fact]
    public async Task liveness_answers_live_to_get_and_head()
    {
        using var api = new FlashSaleApiFactory();

        var get = await api.Buyer.QueryAsync("/health");
        using var head = await api.Buyer.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"));

        get.Status.ShouldBe(HttpStatusCode.OK);
        get.Json.Str("status").ShouldBe("live");
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_ready_instance_reports_each_store_projection_lag_breaker_and_payments()
    {
        using var api = new FlashSaleApiFactory();
        var itemId = Ids.New("ready");
        var position = (await api.ListItemAsync(itemId, stock: 1)).String("position");
        await api.Buyer.QueryAsync($"/api/items/{itemId}", position);

        var ready = await api.Buyer.QueryAsync("/health/ready");

        ready.Status.ShouldBe(HttpStatusCode.OK, ready.ToString());
        ready.Json.Str("status").ShouldBe("healthy");
        ready.Json.GetProperty("eventStore").Str("status").ShouldBe("healthy");
        ready.Json.GetProperty("eventStore").GetProperty("latencyMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        ready.Json.GetProperty("readStore").Str("status").ShouldBe("healthy");
        ready.Json.GetProperty("projections").GetProperty("inventory").GetProperty("lagEvents").GetInt64().ShouldBe(0);
        ready.Json.Str("circuitBreaker").ShouldBe("closed");
        ready.Json.Str("payments").ShouldBe("on");
    }

    [Fact]
    public async Task an_unreachable_event_store_makes_the_instance_unhealthy_with_503()
    {
        using var api = new FlashSaleApiFactory();
        using var host = UnreachableEventStore.Around(api);
        var client = host.CreateClient();
        (await client.QueryAsync("/health/ready")).Status.ShouldBe(HttpStatusCode.OK);

        ((UnreachableEventStore)host.Services.GetRequiredService<IEventStore>()).Down = true;
        var ready = await client.QueryAsync("/health/ready");

        ready.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, ready.ToString());
        ready.Json.Str("status").ShouldBe("unhealthy");
        ready.Json.GetProperty("eventStore").Str("status").ShouldBe("unhealthy");
        ready.Json.GetProperty("eventStore").Str("error").ShouldContain("connection refused");
        (await client.QueryAsync("/health")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_open_circuit_breaker_makes_the_instance_unhealthy_with_503()
    {
        using var api = new FlashSaleApiFactory();
        api.Services.GetRequiredService<OperabilityMetrics>().SetCircuitBreaker(CircuitBreakerState.Open);

        var ready = await api.Buyer.QueryAsync("/health/ready");

        ready.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, ready.ToString());
        ready.Json.Str("status").ShouldBe("unhealthy");
        ready.Json.Str("circuitBreaker").ShouldBe("open");
    }

    [Theory]
    [InlineData("200", HttpStatusCode.OK)]
    [InlineData("503", HttpStatusCode.ServiceUnavailable)]
    public async Task projections_lagging_beyond_the_limit_make_the_instance_degraded(string degradedStatus, HttpStatusCode expected)
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["ReadModels:RunProjections"] = "false",
            ["Health:MaxProjectionLagSeconds"] = "0.2",
            ["Health:DegradedStatusCode"] = degradedStatus,
            ["Metrics:RefreshSeconds"] = "0.1",
        });
        await api.ListItemAsync(Ids.New("lagging"), stock: 1);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var ready = await api.Buyer.QueryUntilAsync("/health/ready", a => a.Json.Str("status") != "healthy", TimeSpan.FromSeconds(10),
            "readiness to see the lag");

        ready.Status.ShouldBe(expected, ready.ToString());
        ready.Json.Str("status").ShouldBe("degraded");
        ready.Json.GetProperty("projections").GetProperty("inventory").GetProperty("lagEvents").GetInt64().ShouldBe(1);
        ready.Json.GetProperty("projections").GetProperty("inventory").GetProperty("lagSeconds").GetDouble().ShouldBeGreaterThan(0.2);
        ready.Json.GetProperty("eventStore").Str("status").ShouldBe("healthy");
    }
}

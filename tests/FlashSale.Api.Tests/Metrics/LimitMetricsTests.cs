using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Metrics;

/// <summary>The rate limiter's refusals and the breaker's state reach /metrics in a running host.</summary>
public sealed class LimitMetricsTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?>
    {
        ["RateLimiting:OrdersPerUser:PermitLimit"] = "1",
        ["RateLimiting:OrdersPerUser:Window"] = "00:10:00",
    });

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task a_rate_limited_order_is_counted_and_the_closed_breaker_reads_0()
    {
        var itemId = Ids.New("limited");
        await _api.ListItemAsync(itemId, stock: 5, perUserLimit: 5);
        (await _api.PlaceOrderAsync(Ids.New("o"), itemId, "eager")).Status.ShouldBe(HttpStatusCode.Created);

        (await _api.PlaceOrderAsync(Ids.New("o"), itemId, "eager")).Status.ShouldBe(HttpStatusCode.TooManyRequests);

        var scrape = (await _api.Buyer.QueryAsync("/metrics")).Answer.Text;
        scrape.ShouldContain("\nflashsale_rate_limited_total 1\n");
        scrape.ShouldContain("\nflashsale_circuit_breaker_state 0\n");
    }
}

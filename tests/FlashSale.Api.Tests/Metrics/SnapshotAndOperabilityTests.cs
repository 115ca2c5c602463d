using FlashSale.Api.Metrics;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Metrics;

public sealed class SnapshotAndOperabilityTests
{
    [Fact]
    public async Task store_backed_gauges_are_served_from_the_timer_snapshot_not_read_on_each_scrape()
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?> { ["Metrics:RefreshSeconds"] = "3600" });
        var first = await Scrape.OfAsync(api.Buyer);
        var itemId = Ids.New("snap");
        var position = (await api.ListItemAsync(itemId, stock: 1)).String("position");
        await api.Buyer.QueryAsync($"/api/items/{itemId}", position);

        var second = await Scrape.OfAsync(api.Buyer);

        second["flashsale_projection_checkpoint_position{projection=\"inventory\"}"]
            .ShouldBe(first["flashsale_projection_checkpoint_position{projection=\"inventory\"}"]);
        second["flashsale_dlq_size"].ShouldBe(0);
        second["flashsale_dlq_oldest_message_age_seconds"].ShouldBe(0);
        second["flashsale_dlq_oldest_age_seconds"].ShouldBe(0);
    }

    [Fact]
    public async Task a_timed_out_payment_is_counted_moved_to_the_dead_letter_queue_and_the_queue_size_is_counted()
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["Payments:ProcessorEnabled"] = "true", ["Payments:TimeoutRate"] = "1", ["Payments:GatewayLatencyMs"] = "0",
        });
        var itemId = Ids.New("timeout");
        await api.ListItemAsync(itemId, stock: 1);
        var orderId = Ids.New("dead");
        await api.PlaceOrderAsync(orderId, itemId, "late-buyer");
        await EventLog.WaitForAsync(() => api.ReadItemAsync(itemId), e => e.OfOrder<StockReleased>(orderId).Count > 0,
            TimeSpan.FromSeconds(20), "the payment to time out");
        await api.Operator.QueryUntilAsync("/api/admin/dlq", a => a.Items().Count == 1, TimeSpan.FromSeconds(10), "the dead letter");

        var scrape = await Scrape.OfAsync(api.Buyer);

        scrape["flashsale_payments_timed_out_total"].ShouldBe(1);
        scrape["flashsale_orders_moved_to_dlq_total"].ShouldBe(1);
        scrape["flashsale_payments_confirmed_total"].ShouldBe(0);
        scrape["flashsale_dlq_size"].ShouldBe(1);
        scrape["flashsale_dlq_oldest_message_age_seconds"].ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task the_breaker_state_and_rate_limited_requests_set_by_the_resilience_code_are_exported()
    {
        using var api = new FlashSaleApiFactory();
        var before = await Scrape.OfAsync(api.Buyer);
        var operability = api.Services.GetRequiredService<OperabilityMetrics>();

        operability.SetCircuitBreaker(CircuitBreakerState.HalfOpen);
        operability.RateLimited();
        operability.RateLimited();
        var after = await Scrape.OfAsync(api.Buyer);

        before["flashsale_circuit_breaker_state"].ShouldBe(0);
        before["flashsale_rate_limited_total"].ShouldBe(0);
        after["flashsale_circuit_breaker_state"].ShouldBe(2);
        after["flashsale_rate_limited_total"].ShouldBe(2);
    }

    [Fact]
    public async Task metrics_can_be_closed_to_callers_without_the_operator_key()
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?> { ["Metrics:RequireOperatorKey"] = "true" });

        (await api.Buyer.QueryAsync("/metrics")).Status.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        (await api.Operator.QueryAsync("/metrics")).Status.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}

using FlashSale.Payments;

namespace FlashSale.Application.Tests.Payments;

public sealed class SimulatedPaymentGatewayTests
{
    private static readonly string[] OrderIds = [.. Enumerable.Range(0, 1_000).Select(i => $"order-{i}")];

    [Fact]
    public async Task the_same_seed_gives_every_order_the_same_fate()
    {
        var first = await ChargeAll(new PaymentsOptions { Seed = 7, TimeoutRate = 0.1, GatewayLatencyMs = 0 });
        var second = await ChargeAll(new PaymentsOptions { Seed = 7, TimeoutRate = 0.1, GatewayLatencyMs = 0 });

        second.ShouldBe(first);
        first.OfType<PaymentAttempt.Confirmed>().Select(c => c.PaymentReference).Distinct().Count()
            .ShouldBe(first.OfType<PaymentAttempt.Confirmed>().Count());
    }

    [Fact]
    public async Task another_seed_gives_other_fates()
    {
        var seven = await ChargeAll(new PaymentsOptions { Seed = 7, TimeoutRate = 0.1, GatewayLatencyMs = 0 });
        var eight = await ChargeAll(new PaymentsOptions { Seed = 8, TimeoutRate = 0.1, GatewayLatencyMs = 0 });

        seven.Zip(eight).Count(p => p.First.GetType() != p.Second.GetType()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task about_one_charge_in_ten_times_out_at_the_default_rate()
    {
        var options = new PaymentsOptions { GatewayLatencyMs = 0 };
        options.TimeoutRate.ShouldBe(0.10);

        var attempts = await ChargeAll(options);

        attempts.Count(a => a is PaymentAttempt.TimedOut).ShouldBeInRange(60, 140);
    }

    [Fact]
    public async Task a_retry_of_an_order_is_a_fresh_draw_that_is_itself_reproducible()
    {
        var options = new PaymentsOptions { Seed = 7, TimeoutRate = 0.5, GatewayLatencyMs = 0 };

        var first = await ChargeAll(options);
        var retried = await ChargeAll(options, retry: 1);
        var again = await ChargeAll(options, retry: 1);

        again.ShouldBe(retried);
        first.Zip(retried).Count(p => p.First.GetType() != p.Second.GetType()).ShouldBeGreaterThan(100);
        retried.OfType<PaymentAttempt.Confirmed>().Select(c => c.PaymentReference)
            .Intersect(first.OfType<PaymentAttempt.Confirmed>().Select(c => c.PaymentReference)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 1_000)]
    public async Task the_extreme_rates_time_out_nothing_or_everything(double rate, int timedOut)
    {
        var attempts = await ChargeAll(new PaymentsOptions { TimeoutRate = rate, GatewayLatencyMs = 0 });

        attempts.Count(a => a is PaymentAttempt.TimedOut).ShouldBe(timedOut);
    }

    private static async Task<PaymentAttempt[]> ChargeAll(PaymentsOptions options, int retry = 0)
    {
        var gateway = new SimulatedPaymentGateway(options);
        var attempts = new PaymentAttempt[OrderIds.Length];
        for (var i = 0; i < OrderIds.Length; i++)
            attempts[i] = await gateway.ChargeAsync(new PaymentRequest("item", OrderIds[i], "user", 1, retry), CancellationToken.None);
        return attempts;
    }
}

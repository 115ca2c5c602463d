using System.Globalization;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Payments;

namespace FlashSale.Application.Tests.Payments;

/// <summary>A reservation an operator's retry made is a new pending reservation: charged again, swept when its window passes.</summary>
public sealed class RetriedReservationPaymentsTests : IDisposable
{
    private const int Seed = 42;
    private const double TimeoutRate = 0.5;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task the_processor_charges_a_retried_reservation_again_and_its_fresh_draw_can_succeed()
    {
        var gateway = new SimulatedPaymentGateway(new PaymentsOptions { Seed = Seed, TimeoutRate = TimeoutRate, GatewayLatencyMs = 0 });
        var (orderId, reference) = await FirstOrderThatTimesOutThenPaysOnRetry(gateway);
        await using var app = await WriteSide.StartAsync(_database.Path, payments: true, settings: new Dictionary<string, string?>
        {
            ["Payments:Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["Payments:TimeoutRate"] = TimeoutRate.ToString(CultureInfo.InvariantCulture),
        });
        await app.ListItemAsync("item", stock: 1, perUserLimit: 1);
        await app.PlaceOrderAsync(orderId, "item", "alice");
        await Until(app, l => l.OfType<StockReleased>().Any(), "the gateway times the first charge out");

        var retried = await app.RetryDeadLetterAsync(orderId);

        var log = await Until(app, l => l.OfType<PaymentConfirmed>().Any(), "the retried reservation is charged and confirmed");
        retried.Retry.ShouldBe(1);
        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().ShouldBe(new PaymentTimedOut("item", orderId, TimeoutCauses.GatewayTimeout,
            log.OfType<PaymentTimedOut>()[0].TimedOutAt, Retry: 0));
        log.OfType<PaymentConfirmed>().ShouldHaveSingleItem().PaymentReference.ShouldBe(reference);
        log.State.Orders[orderId].Status.ShouldBe(OrderStatus.Confirmed);
        log.State.Available.ShouldBe(0);
    }

    [Fact]
    public async Task the_sweeper_releases_a_retried_reservation_when_its_new_window_passes()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await WriteSide.StartAsync(_database.Path, clock, payments: true, new Dictionary<string, string?>
        {
            ["Payments:ProcessorEnabled"] = "false",
        });
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");
        clock.Advance(TimeSpan.FromSeconds(60));
        await Until(app, l => l.OfType<StockReleased>().Count() == 1, "the sweeper releases the first reservation");

        var retried = await app.RetryDeadLetterAsync("order");
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(300);
        (await app.ReadLogAsync("item")).OfType<StockReleased>().Count.ShouldBe(1, "the new window is still open");
        clock.Advance(TimeSpan.FromSeconds(1));

        var log = await Until(app, l => l.OfType<StockReleased>().Count == 2, "the sweeper releases the retried reservation");
        log.OfType<PaymentTimedOut>()[1].ShouldBe(new PaymentTimedOut("item", "order", TimeoutCauses.DeadlinePassed, retried.ReservedUntil!.Value, 1));
        log.OfType<StockReleased>()[1].Retry.ShouldBe(1);
        log.State.Available.ShouldBe(1);
    }

    private static async Task<(string OrderId, string Reference)> FirstOrderThatTimesOutThenPaysOnRetry(SimulatedPaymentGateway gateway)
    {
        for (var i = 0; i < 100; i++)
        {
            var orderId = $"order-{i}";
            if (await gateway.ChargeAsync(new PaymentRequest("item", orderId, "alice", 1), CancellationToken.None) is not PaymentAttempt.TimedOut)
                continue;
            if (await gateway.ChargeAsync(new PaymentRequest("item", orderId, "alice", 1, Retry: 1), CancellationToken.None)
                is PaymentAttempt.Confirmed confirmed)
                return (orderId, confirmed.PaymentReference);
        }
        throw new InvalidOperationException("No order in 100 times out first and pays on its retry; the draw ignores the retry.");
    }

    private static async Task<ItemLog> Until(WriteSide app, Func<ItemLog, bool> condition, string what)
    {
        ItemLog log = null!;
        await Eventually.HoldsAsync(async () => condition(log = await app.ReadLogAsync("item")), what);
        return log;
    }
}

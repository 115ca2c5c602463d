using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Payments;
using static FlashSale.Application.Tests.Payments.PaymentsApp;

namespace FlashSale.Application.Tests.Payments;

/// <summary>A gateway timeout is an unknown outcome: the processor asks before it releases anything.</summary>
public sealed class GatewayTimeoutTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly ScriptedGateway _gateway = new() { Charge = (_, _) => Task.FromResult<PaymentAttempt>(new PaymentAttempt.TimedOut()) };

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task a_timed_out_charge_that_went_through_is_confirmed_when_the_window_allows()
    {
        _gateway.Query = (_, _) => Task.FromResult<PaymentStatus>(new PaymentStatus.Charged("psp-went-through"));
        await using var app = await StartAsync(_database.Path, _gateway);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");

        var log = await Until(app, "item", l => l.OfType<PaymentConfirmed>().Count == 1, "the charge is confirmed");

        log.OfType<PaymentConfirmed>()[0].PaymentReference.ShouldBe("psp-went-through");
        log.OfType<PaymentTimedOut>().ShouldBeEmpty();
        log.OfType<StockReleased>().ShouldBeEmpty();
        _gateway.Queries.ShouldHaveSingleItem().IdempotencyKey.ShouldBe("item/order/0");
    }

    [Fact]
    public async Task a_timed_out_charge_that_did_not_go_through_is_released_after_asking()
    {
        await using var app = await StartAsync(_database.Path, _gateway);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");

        var log = await Until(app, "item", l => l.OfType<StockReleased>().Count == 1, "the reservation is released");

        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.GatewayTimeout);
        _gateway.Queries.Count.ShouldBe(1, "asked before releasing");
    }

    [Fact]
    public async Task a_charge_the_gateway_never_answers_counts_as_timed_out_and_is_asked_about()
    {
        _gateway.Charge = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };
        await using var app = await StartAsync(_database.Path, _gateway, settings: new()
        {
            ["Payments:GatewayTimeoutSeconds"] = "0.2",
            ["Payments:ChargeMarginSeconds"] = "1",
        });
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");

        var log = await Until(app, "item", l => l.OfType<StockReleased>().Count == 1, "the silent charge is released");

        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.GatewayTimeout);
        _gateway.Queries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task when_the_gateway_cannot_tell_the_reservation_is_held_until_the_sweeper_asks_and_a_late_charge_becomes_a_refund()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var queries = 0;
        _gateway.Query = (_, _) => Interlocked.Increment(ref queries) == 1
            ? throw new HttpRequestException("gateway status endpoint down")
            : Task.FromResult<PaymentStatus>(new PaymentStatus.Charged("psp-late"));
        await using var app = await StartAsync(_database.Path, _gateway, clock);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");
        await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref queries) == 1), "the processor asks once");
        await Task.Delay(300);
        (await app.ReadLogAsync("item")).OfType<StockReleased>().ShouldBeEmpty("an unknown outcome is not 'not charged'");

        clock.Advance(TimeSpan.FromSeconds(60));

        var log = await Until(app, "item", l => l.OfType<RefundRequired>().Count == 1, "the sweeper asks and records the refund");
        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.DeadlinePassed);
        log.OfType<StockReleased>().ShouldHaveSingleItem();
        log.OfType<PaymentConfirmed>().ShouldBeEmpty();
        var refund = log.OfType<RefundRequired>()[0];
        (refund.PaymentReference, refund.Reason, refund.UserId).ShouldBe(("psp-late", RefundReasons.LatePayment, "alice"));
        log.State.Available.ShouldBe(1);
    }
}

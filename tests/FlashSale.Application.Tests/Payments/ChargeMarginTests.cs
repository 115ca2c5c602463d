using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using static FlashSale.Application.Tests.Payments.PaymentsApp;

namespace FlashSale.Application.Tests.Payments;

/// <summary>A reservation is never charged when its window would close before the gateway could answer.</summary>
public sealed class ChargeMarginTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly ScriptedGateway _gateway = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task a_reservation_whose_window_closes_within_the_margin_after_downtime_is_released_instead_of_charged()
    {
        var placedAt = DateTimeOffset.UtcNow;
        await using (var before = await WriteSide.StartAsync(_database.Path, new ManualTimeProvider(placedAt)))
        {
            await before.ListItemAsync("item", stock: 1, paymentWindowSeconds: 10);
            (await before.PlaceOrderAsync("order", "item", "alice")).Reserved.ShouldBeTrue();
        }

        // Back 5 s later: 5 s of window left, less than the 8 s margin the gateway may need.
        await using var after = await StartAsync(_database.Path, _gateway, new ManualTimeProvider(placedAt.AddSeconds(5)));

        var log = await Until(after, "item", l => l.OfType<StockReleased>().Count == 1, "the reservation is released");
        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.TooLateToCharge);
        log.OfType<ChargeStarted>().ShouldBeEmpty();
        log.State.Available.ShouldBe(1);
        _gateway.Charges.ShouldBeEmpty("no charge may start that could succeed after the stock went back on sale");
    }

    [Fact]
    public async Task a_reservation_with_time_left_is_charged_under_its_own_key_recorded_before_the_money_moves()
    {
        await using var app = await StartAsync(_database.Path, _gateway);
        await app.ListItemAsync("item", stock: 2, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");

        var log = await Until(app, "item", l => l.OfType<PaymentConfirmed>().Count == 1, "the reservation is paid");

        var started = log.OfType<ChargeStarted>().ShouldHaveSingleItem();
        started.IdempotencyKey.ShouldBe("item/order/0");
        log.Events.ToList().IndexOf(started).ShouldBeLessThan(log.Events.ToList().IndexOf(log.OfType<PaymentConfirmed>()[0]));
        _gateway.Charges.ShouldHaveSingleItem().IdempotencyKey.ShouldBe("item/order/0");
        log.OfType<PaymentConfirmed>()[0].PaymentReference.ShouldBe("psp-order-0");
    }

    [Fact]
    public async Task a_margin_not_above_the_gateway_timeout_stops_the_start_naming_the_key()
    {
        var error = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StartAsync(_database.Path, _gateway,
            settings: new() { ["Payments:GatewayTimeoutSeconds"] = "10", ["Payments:ChargeMarginSeconds"] = "10" }));

        error.Message.ShouldContain("Payments:ChargeMarginSeconds");
    }
}

using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Payments;
using FlashSale.Payments.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Application.Tests.Payments;

/// <summary>One sweep, called directly once the due reservations are known to the sweeper: when it returns, every due
/// reservation has been timed out and nothing else.</summary>
public sealed class DeadlineSweeperTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task a_sweep_with_many_pending_and_few_due_reservations_times_out_exactly_the_due_ones()
    {
        await using var app = await StartAsync();
        await app.ListItemAsync("soon", stock: 3, paymentWindowSeconds: 60);
        await app.ListItemAsync("later", stock: 500, paymentWindowSeconds: 3600);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => app.PlaceOrderAsync($"soon-{i}", "soon", $"user-{i}")));
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => app.PlaceOrderAsync($"later-{i}", "later", $"user-{i}")));
        var pending = app.Services.GetRequiredService<PendingReservations>();
        await Eventually.HoldsAsync(() => Task.FromResult(pending.Count == 503), "every reservation is pending");

        _clock.Advance(TimeSpan.FromMinutes(2));
        await app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None);

        var soon = await app.ReadLogAsync("soon");
        soon.OfType<PaymentTimedOut>().Select(e => e.OrderId).ShouldBe(["soon-0", "soon-1", "soon-2"], ignoreOrder: true);
        soon.OfType<PaymentTimedOut>().ShouldAllBe(e => e.Cause == TimeoutCauses.DeadlinePassed);
        soon.State.Available.ShouldBe(3);
        var later = await app.ReadLogAsync("later");
        later.OfType<PaymentTimedOut>().ShouldBeEmpty();
        later.OfType<StockReleased>().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_reservation_paid_before_its_deadline_is_never_timed_out()
    {
        await using var app = await StartAsync();
        await app.ListItemAsync("item", stock: 2, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("paid", "item", "alice");
        await app.PlaceOrderAsync("unpaid", "item", "bob");
        await app.ConfirmPaymentAsync("paid", "psp-paid");
        var pending = app.Services.GetRequiredService<PendingReservations>();
        await Eventually.HoldsAsync(() => Task.FromResult(pending.Count == 1 && pending.IsPending("item", "unpaid")),
            "the payment settled the reservation it was for");

        _clock.Advance(TimeSpan.FromMinutes(2));
        await app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None);

        var log = await app.ReadLogAsync("item");
        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().OrderId.ShouldBe("unpaid");
        log.OfType<StockReleased>().ShouldHaveSingleItem().OrderId.ShouldBe("unpaid");
        log.OfType<PaymentConfirmed>().ShouldHaveSingleItem().OrderId.ShouldBe("paid");
    }

    private Task<WriteSide> StartAsync() =>
        WriteSide.StartAsync(_database.Path, _clock, payments: true, new Dictionary<string, string?> { ["Payments:ProcessorEnabled"] = "false" });
}

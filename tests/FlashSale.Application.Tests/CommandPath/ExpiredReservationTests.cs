using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>With no sweeper running, an expired reservation no longer blocks its stock: the next order's decision
/// releases it, with the events the sweeper would have appended.</summary>
public sealed class ExpiredReservationTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private WriteSide _side = null!;

    public async Task InitializeAsync() => _side = await WriteSide.StartAsync(_database.Path, _clock);

    public async Task DisposeAsync()
    {
        await _side.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task an_order_after_a_reservations_payment_window_gets_its_stock_and_the_late_payment_is_refused()
    {
        await _side.ListItemAsync("last-unit", stock: 1, paymentWindowSeconds: 60);
        (await _side.PlaceOrderAsync("o-early", "last-unit", "alice")).Reserved.ShouldBeTrue();
        (await _side.PlaceOrderAsync("o-meanwhile", "last-unit", "bob")).RejectionReason.ShouldBe(RejectionReasons.SoldOut);

        _clock.Advance(TimeSpan.FromSeconds(61));
        var late = await _side.PlaceOrderAsync("o-late", "last-unit", "carol");

        late.Reserved.ShouldBeTrue("the expired reservation was released at decision time");
        var log = await _side.ReadLogAsync("last-unit");
        log.Of("o-early").Select(e => e.Event).ShouldBe(
        [
            new OrderPlaced("last-unit", "o-early", "alice", 1, _clock.GetUtcNow().AddSeconds(-61)),
            new StockReserved("last-unit", "o-early", "alice", 1, _clock.GetUtcNow().AddSeconds(-1)),
            new PaymentTimedOut("last-unit", "o-early", TimeoutCauses.DeadlinePassed, _clock.GetUtcNow()),
            new StockReleased("last-unit", "o-early", "alice", 1, _clock.GetUtcNow()),
        ]);
        log.ReplayCheckingStock().ShouldBe(1);
        var error = await Should.ThrowAsync<DomainException>(() => _side.ConfirmPaymentAsync("o-early", "psp-1"));
        error.Code.ShouldBe(DomainErrors.PaymentTimedOut);
    }

    [Fact]
    public async Task many_concurrent_orders_after_the_windows_passed_get_exactly_the_released_stock()
    {
        await _side.ListItemAsync("rush", stock: 10, paymentWindowSeconds: 60);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _side.PlaceOrderAsync($"first-{i}", "rush", $"a-{i}")));
        _clock.Advance(TimeSpan.FromMinutes(2));

        var second = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => _side.PlaceOrderAsync($"second-{i}", "rush", $"b-{i}"))));

        second.Count(r => r.Reserved).ShouldBe(10);
        second.Where(r => !r.Reserved).ShouldAllBe(r => r.RejectionReason == RejectionReasons.SoldOut);
        var log = await _side.ReadLogAsync("rush");
        log.OfType<StockReleased>().Count.ShouldBe(10);
        log.ReplayCheckingStock().ShouldBe(10);
    }
}

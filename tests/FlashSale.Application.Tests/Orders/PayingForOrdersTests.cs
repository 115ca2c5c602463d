using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.Orders;

/// <summary>The payment provider's callback, without the payments worker running.</summary>
public sealed class PayingForOrdersTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private WriteSide _app = null!;

    public async Task InitializeAsync()
    {
        _app = await WriteSide.StartAsync(_database.Path, _clock);
        await _app.ListItemAsync("item", stock: 1, perUserLimit: 1, paymentWindowSeconds: 60);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task a_payment_naming_only_the_order_confirms_it_and_a_repeat_appends_nothing()
    {
        await _app.PlaceOrderAsync("order", "item", "alice");

        var receipt = await _app.ConfirmPaymentAsync("order", "pay-1");
        var repeat = await _app.ConfirmPaymentAsync("order", "pay-1");

        receipt.ItemId.ShouldBe("item");
        repeat.ShouldBe(receipt);
        var log = await _app.ReadLogAsync("item");
        log.Events.Last().ShouldBe(new PaymentConfirmed("item", "order", "alice", 1, "pay-1", _clock.GetUtcNow()));
        log.Entries[^1].Recorded.Position.ShouldBe(receipt.Position);
        log.Entries.Count.ShouldBe(4);
    }

    [Fact]
    public async Task after_a_restart_a_payment_naming_only_the_order_still_finds_its_item()
    {
        await _app.PlaceOrderAsync("order", "item", "alice");
        await _app.DisposeAsync();
        _app = await WriteSide.StartAsync(_database.Path, _clock);

        var receipt = await _app.ConfirmPaymentAsync("order", "pay-1");

        receipt.ItemId.ShouldBe("item");
        (await _app.ReadLogAsync("item")).OfType<PaymentConfirmed>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_payment_after_the_window_closed_is_refused_and_releases_the_stock()
    {
        await _app.PlaceOrderAsync("order", "item", "alice");
        _clock.Advance(TimeSpan.FromSeconds(60));

        var error = await Should.ThrowAsync<DomainException>(() => _app.ConfirmPaymentAsync("order", "pay-1"));

        error.Code.ShouldBe(DomainErrors.PaymentTimedOut);
        var log = await _app.ReadLogAsync("item");
        log.OfType<PaymentTimedOut>().ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.DeadlinePassed);
        log.OfType<StockReleased>().ShouldHaveSingleItem().Quantity.ShouldBe(1);
        log.State.Available.ShouldBe(1);
        (await Should.ThrowAsync<DomainException>(() => _app.ConfirmPaymentAsync("order", "pay-1"))).Code.ShouldBe(DomainErrors.PaymentTimedOut);
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(log.Entries.Count);
    }

    [Fact]
    public async Task a_payment_for_an_unknown_or_rejected_order_is_refused_and_appends_nothing()
    {
        await _app.PlaceOrderAsync("reserved", "item", "alice");
        await _app.PlaceOrderAsync("rejected", "item", "bob");

        (await Should.ThrowAsync<DomainException>(() => _app.ConfirmPaymentAsync("nobody-ordered-this", "pay-1")))
            .Code.ShouldBe(DomainErrors.OrderNotFound);
        (await Should.ThrowAsync<DomainException>(() => _app.ConfirmPaymentAsync("rejected", "pay-2")))
            .Code.ShouldBe(DomainErrors.OrderNotReserved);
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(5);
    }

    [Fact]
    public async Task an_order_id_already_used_on_another_item_is_refused()
    {
        await _app.ListItemAsync("other", stock: 5);
        await _app.PlaceOrderAsync("order", "item", "alice");

        var error = await Should.ThrowAsync<DomainException>(() => _app.PlaceOrderAsync("order", "other", "alice"));

        error.Code.ShouldBe(DomainErrors.OrderIdReused);
        (await _app.ReadLogAsync("other")).Entries.Count.ShouldBe(1);
    }
}

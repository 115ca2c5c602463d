using FlashSale.Contracts;
using FlashSale.Application.CommandPath;
using FlashSale.Application.DeadLetters;
using FlashSale.Application.Items;
using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.DeadLetters;

/// <summary>An operator retries orders whose payment timed out; without the payments worker, the test drives the clock.</summary>
public sealed class RetryingDeadLettersTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 4, 1, 10, 0, 0, TimeSpan.Zero));
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
    public async Task a_retry_reserves_the_order_again_with_a_new_window_and_it_can_be_paid()
    {
        var placed = await DeadLetterAsync("order", "alice");
        _clock.Advance(TimeSpan.FromMinutes(5));

        var receipt = await _app.RetryDeadLetterAsync("order", actor: "ops-anna");

        receipt.ShouldBe(new DeadLetterReceipt("order", "item", DeadLetterOutcomes.Retried, null, _clock.GetUtcNow().AddSeconds(60), 1,
            receipt.Position));
        var log = await _app.ReadLogAsync("item");
        log.Events.TakeLast(2).ShouldBe([
            new DeadLetterRetried("item", "order", 1, "ops-anna", _clock.GetUtcNow()),
            new StockReserved("item", "order", "alice", 1, _clock.GetUtcNow().AddSeconds(60), 1),
        ]);
        log.Entries[^1].Recorded.Position.ShouldBe(receipt.Position);
        ItemEventSerializer.DeserializeMetadata(log.Entries[^1].Recorded)!.Actor.ShouldBe("ops-anna");
        log.Entries.Where(e => e.Event is StockReserved).Select(e => e.Recorded.EventId).Distinct().Count().ShouldBe(2);
        log.State.Available.ShouldBe(0);

        // A repeated placement still answers the first outcome; the retried reservation is paid like any other.
        (await _app.PlaceOrderAsync("order", "item", "alice")).ShouldBe(placed with { Repeated = true });
        (await _app.ConfirmPaymentAsync("order", "pay-1")).PaymentReference.ShouldBe("pay-1");
    }

    [Fact]
    public async Task a_retry_when_sold_out_records_why_and_the_order_stays_a_dead_letter()
    {
        await DeadLetterAsync("order", "alice");
        (await _app.PlaceOrderAsync("other", "item", "bob")).Reserved.ShouldBeTrue();

        var failed = await _app.RetryDeadLetterAsync("order", itemId: "item");

        failed.ShouldBe(new DeadLetterReceipt("order", "item", DeadLetterOutcomes.RetryFailed, RejectionReasons.SoldOut, null, 1,
            failed.Position));
        var log = await _app.ReadLogAsync("item");
        log.Events.Last().ShouldBe(new DeadLetterRetryFailed("item", "order", 1, RejectionReasons.SoldOut, "operator", _clock.GetUtcNow()));
        log.Entries[^1].Recorded.Position.ShouldBe(failed.Position);
        log.State.Orders["order"].Status.ShouldBe(OrderStatus.TimedOut);

        await _app.Mediator.Send(new RestockItemRequest("item", 1, "found one", CommandContext.System("operator")));
        var second = await _app.RetryDeadLetterAsync("order");

        second.Outcome.ShouldBe(DeadLetterOutcomes.Retried);
        second.Retry.ShouldBe(2);
        (await _app.ReadLogAsync("item")).ReplayCheckingStock().ShouldBe(2);
    }

    [Fact]
    public async Task a_retried_reservation_that_expires_again_is_released_under_its_retry_number()
    {
        await DeadLetterAsync("order", "alice");
        await _app.RetryDeadLetterAsync("order");
        _clock.Advance(TimeSpan.FromSeconds(60));

        (await TimeOutAsync("order")).ShouldBeTrue();

        var log = await _app.ReadLogAsync("item");
        log.OfType<PaymentTimedOut>().Select(e => e.Retry).ShouldBe([0, 1]);
        log.OfType<StockReleased>().Select(e => e.Retry).ShouldBe([0, 1]);
        log.Entries.Where(e => e.Event is PaymentTimedOut).Select(e => e.Recorded.EventId).Distinct().Count().ShouldBe(2);
        log.State.Available.ShouldBe(1);
        (await _app.RetryDeadLetterAsync("order")).Retry.ShouldBe(2);
    }

    [Fact]
    public async Task only_a_dead_letter_can_be_retried()
    {
        await _app.PlaceOrderAsync("order", "item", "alice");
        var before = (await _app.ReadLogAsync("item")).Entries.Count;

        (await Should.ThrowAsync<DomainException>(() => _app.RetryDeadLetterAsync("order"))).Code.ShouldBe(DomainErrors.OrderNotDeadLettered);
        (await Should.ThrowAsync<DomainException>(() => _app.RetryDeadLetterAsync("nobody-ordered-this"))).Code.ShouldBe(DomainErrors.OrderNotFound);
        (await Should.ThrowAsync<DomainException>(() => _app.RetryDeadLetterAsync("order", itemId: "no-such-item"))).Code.ShouldBe(DomainErrors.ItemNotFound);
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(before);
    }

    private async Task<OrderReceipt> DeadLetterAsync(string orderId, string userId)
    {
        var placed = await _app.PlaceOrderAsync(orderId, "item", userId);
        placed.Reserved.ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(60));
        (await TimeOutAsync(orderId)).ShouldBeTrue();
        return placed;
    }

    private async Task<bool> TimeOutAsync(string orderId) =>
        await _app.Mediator.Send(new TimeOutPaymentRequest("item", orderId, TimeoutCauses.DeadlinePassed, CommandContext.System("deadline-sweeper")));
}

using FlashSale.Application.CommandPath;
using FlashSale.Application.DeadLetters;
using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.DeadLetters;

public sealed class DiscardingDeadLettersTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 4, 2, 10, 0, 0, TimeSpan.Zero));
    private WriteSide _app = null!;

    public async Task InitializeAsync()
    {
        _app = await WriteSide.StartAsync(_database.Path, _clock);
        await _app.ListItemAsync("item", stock: 3, perUserLimit: 1, paymentWindowSeconds: 60);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task a_discard_closes_the_dead_letter_and_a_repeat_answers_the_same_position_and_reason_even_after_a_restart()
    {
        await DeadLetterAsync("order", "alice");

        var receipt = await _app.DiscardDeadLetterAsync("order", "customer unreachable", actor: "ops-ben");
        var repeat = await _app.DiscardDeadLetterAsync("order", "another note");

        receipt.ShouldBe(new DeadLetterReceipt("order", "item", DeadLetterOutcomes.Discarded, "customer unreachable", null, 0, receipt.Position));
        repeat.ShouldBe(receipt with { Repeated = true });
        var log = await _app.ReadLogAsync("item");
        log.OfType<DeadLetterDiscarded>().ShouldHaveSingleItem()
            .ShouldBe(new DeadLetterDiscarded("item", "order", "customer unreachable", "ops-ben", _clock.GetUtcNow()));
        log.Entries[^1].Recorded.Position.ShouldBe(receipt.Position);
        log.State.Orders["order"].Status.ShouldBe(OrderStatus.Discarded);
        log.State.Available.ShouldBe(3);

        await _app.DisposeAsync();
        _app = await WriteSide.StartAsync(_database.Path, _clock);
        (await _app.DiscardDeadLetterAsync("order", itemId: "item")).ShouldBe(receipt with { Repeated = true });
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(log.Entries.Count);
    }

    [Fact]
    public async Task a_discarded_order_can_be_neither_retried_nor_paid()
    {
        await DeadLetterAsync("order", "alice");
        await _app.DiscardDeadLetterAsync("order");
        var before = (await _app.ReadLogAsync("item")).Entries.Count;

        (await Should.ThrowAsync<DomainException>(() => _app.RetryDeadLetterAsync("order"))).Code.ShouldBe(DomainErrors.OrderDiscarded);
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(before);
        (await Should.ThrowAsync<DomainException>(() => _app.ConfirmPaymentAsync("order", "pay-late"))).Code.ShouldBe(DomainErrors.OrderDiscarded);
        // The refused payment moved money all the same: it is recorded as a refund to make, and nothing else changes.
        var after = await _app.ReadLogAsync("item");
        after.Entries.Count.ShouldBe(before + 1);
        after.Events.Last().ShouldBeOfType<RefundRequired>().PaymentReference.ShouldBe("pay-late");
        after.State.Orders["order"].Status.ShouldBe(OrderStatus.Discarded);
    }

    [Fact]
    public async Task an_order_that_is_not_a_dead_letter_cannot_be_discarded()
    {
        await _app.PlaceOrderAsync("reserved", "item", "alice");
        await _app.PlaceOrderAsync("paid", "item", "bob");
        await _app.ConfirmPaymentAsync("paid", "pay-1");
        var before = (await _app.ReadLogAsync("item")).Entries.Count;

        (await Should.ThrowAsync<DomainException>(() => _app.DiscardDeadLetterAsync("reserved"))).Code.ShouldBe(DomainErrors.OrderNotDeadLettered);
        (await Should.ThrowAsync<DomainException>(() => _app.DiscardDeadLetterAsync("paid"))).Code.ShouldBe(DomainErrors.OrderNotDeadLettered);
        (await Should.ThrowAsync<DomainException>(() => _app.DiscardDeadLetterAsync("unknown"))).Code.ShouldBe(DomainErrors.OrderNotFound);
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(before);
    }

    private async Task DeadLetterAsync(string orderId, string userId)
    {
        (await _app.PlaceOrderAsync(orderId, "item", userId)).Reserved.ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(60));
        (await _app.Mediator.Send(new TimeOutPaymentRequest("item", orderId, TimeoutCauses.DeadlinePassed, CommandContext.System("sweeper"))))
            .ShouldBeTrue();
    }
}

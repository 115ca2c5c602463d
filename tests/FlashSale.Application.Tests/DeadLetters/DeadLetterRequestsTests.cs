using FlashSale.Application.CommandPath;
using FlashSale.Application.DeadLetters;
using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FluentValidation;

namespace FlashSale.Application.Tests.DeadLetters;

public sealed class DeadLetterRequestsTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 4, 3, 10, 0, 0, TimeSpan.Zero));
    private WriteSide _app = null!;

    public async Task InitializeAsync()
    {
        _app = await WriteSide.StartAsync(_database.Path, _clock);
        await _app.ListItemAsync("item", stock: 5, perUserLimit: 1, paymentWindowSeconds: 60);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ten_operators_retrying_the_same_dead_letter_at_once_reserve_it_once_and_nine_get_the_first_answer_as_a_repeat()
    {
        await _app.PlaceOrderAsync("order", "item", "alice");
        _clock.Advance(TimeSpan.FromSeconds(60));
        await _app.Mediator.Send(new TimeOutPaymentRequest("item", "order", TimeoutCauses.DeadlinePassed, CommandContext.System("sweeper")));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Attempt(() => _app.RetryDeadLetterAsync("order", actor: $"ops-{i}"))));

        var receipts = attempts.OfType<DeadLetterReceipt>().ToList();
        var first = receipts.Where(r => !r.Repeated).ShouldHaveSingleItem();
        first.Outcome.ShouldBe(DeadLetterOutcomes.Retried);
        var repeated = first with { Repeated = true };
        receipts.Where(r => r.Repeated).ShouldAllBe(r => r == repeated);
        receipts.Count.ShouldBe(10);
        var log = await _app.ReadLogAsync("item");
        log.OfType<DeadLetterRetried>().ShouldHaveSingleItem().Retry.ShouldBe(1);
        log.OfType<StockReserved>().Count(e => e.Retry == 1).ShouldBe(1);
        log.State.Available.ShouldBe(4);
    }

    [Fact]
    public async Task bad_input_is_reported_field_by_field_before_anything_is_decided()
    {
        var retry = await Should.ThrowAsync<ValidationException>(async () =>
            await _app.Mediator.Send(new RetryDeadLetterRequest("", CommandContext.System("operator"), ItemId: "bad\u0001item")));
        var discard = await Should.ThrowAsync<ValidationException>(async () =>
            await _app.Mediator.Send(new DiscardDeadLetterRequest(null, new string('x', 501), CommandContext.System("operator"))));
        var control = await Should.ThrowAsync<ValidationException>(async () =>
            await _app.Mediator.Send(new DiscardDeadLetterRequest("order", "line\nbreak", CommandContext.System("operator"))));

        retry.Errors.Select(e => e.PropertyName).Distinct().ShouldBe(["orderId", "itemId"], ignoreOrder: true);
        discard.Errors.Select(e => e.PropertyName).Distinct().ShouldBe(["orderId", "reason"], ignoreOrder: true);
        control.Errors.Select(e => e.PropertyName).ShouldBe(["reason"]);
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(1);
    }

    private static async Task<object> Attempt(Func<Task<DeadLetterReceipt>> call)
    {
        try
        {
            return await call();
        }
        catch (DomainException ex)
        {
            return ex;
        }
    }
}

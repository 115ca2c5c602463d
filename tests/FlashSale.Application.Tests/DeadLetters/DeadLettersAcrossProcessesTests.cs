using FlashSale.Application.CommandPath;
using FlashSale.Application.DeadLetters;
using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.DeadLetters;

/// <summary>The operator's process is often not the one whose payments worker timed the order out.</summary>
public sealed class DeadLettersAcrossProcessesTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 4, 4, 10, 0, 0, TimeSpan.Zero));
    private WriteSide _payments = null!;
    private WriteSide _operators = null!;

    public async Task InitializeAsync()
    {
        _payments = await WriteSide.StartAsync(_database.Path, _clock);
        _operators = await WriteSide.StartAsync(_database.Path, _clock);
    }

    public async Task DisposeAsync()
    {
        await _payments.DisposeAsync();
        await _operators.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task an_order_timed_out_by_another_process_can_be_retried_although_this_process_last_saw_it_reserved()
    {
        await _operators.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        // The operators' process caches the order as reserved; the other process then times it out behind its back.
        (await _operators.PlaceOrderAsync("order", "item", "alice")).Reserved.ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(60));
        (await _payments.Mediator.Send(new TimeOutPaymentRequest("item", "order", TimeoutCauses.DeadlinePassed,
            CommandContext.System("deadline-sweeper")))).ShouldBeTrue();

        var receipt = await _operators.RetryDeadLetterAsync("order", itemId: "item");

        receipt.Outcome.ShouldBe(DeadLetterOutcomes.Retried);
        receipt.Retry.ShouldBe(1);
        var log = await _operators.ReadLogAsync("item");
        log.OfType<DeadLetterRetried>().ShouldHaveSingleItem();
        log.ReplayCheckingStock().ShouldBe(1);
    }
}

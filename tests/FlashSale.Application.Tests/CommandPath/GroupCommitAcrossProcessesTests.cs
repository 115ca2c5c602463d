using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>Two compositions of the write side, each with its own store instance on the same file: two processes.</summary>
public sealed class GroupCommitAcrossProcessesTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private WriteSide _first = null!;
    private WriteSide _second = null!;

    public async Task InitializeAsync()
    {
        _first = await WriteSide.StartAsync(_database.Path);
        _second = await WriteSide.StartAsync(_database.Path);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task two_processes_selling_one_item_never_oversell_and_redecide_on_conflict()
    {
        await _first.ListItemAsync("shared", stock: 50, perUserLimit: 1);
        // The first process caches the item, the second moves the stream behind its back, so the first one's next
        // append carries a stale expected revision and must catch up and decide again.
        (await _first.PlaceOrderAsync("order-0", "shared", "user-0")).Reserved.ShouldBeTrue();
        (await _second.PlaceOrderAsync("order-1", "shared", "user-1")).Reserved.ShouldBeTrue();
        (await _first.PlaceOrderAsync("order-2", "shared", "user-2")).Reserved.ShouldBeTrue();
        _first.Writer("shared").ConflictCount.ShouldBeGreaterThan(0);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var orders = Enumerable.Range(3, 397).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var process = i % 2 == 0 ? _first : _second;
            return await process.PlaceOrderAsync($"order-{i}", "shared", $"user-{i}");
        })).ToArray();
        start.SetResult();
        var receipts = await Task.WhenAll(orders).WaitAsync(Eventually.Bound);

        receipts.Count(r => r.Reserved).ShouldBe(47);
        receipts.Where(r => !r.Reserved).ShouldAllBe(r => r.RejectionReason == RejectionReasons.SoldOut);

        var log = await _first.ReadLogAsync("shared");
        log.Entries.Select(e => e.Recorded.StreamRevision).ShouldBe(Enumerable.Range(0, log.Entries.Count).Select(i => (long)i));
        log.OfType<OrderPlaced>().Count.ShouldBe(400);
        log.OfType<OrderPlaced>().Select(e => e.OrderId).Distinct().Count().ShouldBe(400);
        log.OfType<StockReserved>().Count.ShouldBe(50);
        log.OfType<OrderRejected>().Count.ShouldBe(350);
        log.ReplayCheckingStock().ShouldBe(50);
        log.State.Available.ShouldBe(0);
        foreach (var receipt in receipts)
            log.Of(receipt.OrderId).Last().Recorded.Position.ShouldBe(receipt.Position);
    }

    [Fact]
    public async Task an_order_repeated_through_the_other_process_answers_the_recorded_outcome()
    {
        await _first.ListItemAsync("item", stock: 5);
        await _first.PlaceOrderAsync("warm-up", "item", "someone");
        var original = await _second.PlaceOrderAsync("order", "item", "alice");

        var repeat = await _first.PlaceOrderAsync("order", "item", "alice");

        repeat.ShouldBe(original with { Repeated = true });
        var log = await _first.ReadLogAsync("item");
        log.Of("order").Count.ShouldBe(2);
        log.State.Available.ShouldBe(3);
    }

    [Fact]
    public async Task a_payment_for_an_order_placed_through_the_other_process_is_confirmed()
    {
        await _first.ListItemAsync("item", stock: 5);
        await _first.PlaceOrderAsync("warm-up", "item", "someone");
        var placed = await _second.PlaceOrderAsync("order", "item", "alice");
        placed.Reserved.ShouldBeTrue();

        // The first process's writer has the item cached from before the order existed.
        var receipt = await _first.ConfirmPaymentAsync("order", "pay-1", itemId: "item");

        receipt.PaymentReference.ShouldBe("pay-1");
        var log = await _first.ReadLogAsync("item");
        log.OfType<PaymentConfirmed>().ShouldHaveSingleItem().OrderId.ShouldBe("order");
        receipt.Position.ShouldBe(log.Entries[^1].Recorded.Position);
    }
}

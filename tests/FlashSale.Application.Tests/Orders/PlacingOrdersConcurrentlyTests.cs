using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.Orders;

public sealed class PlacingOrdersConcurrentlyTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private WriteSide _app = null!;

    public async Task InitializeAsync() => _app = await WriteSide.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task two_thousand_buyers_racing_for_one_hundred_units_get_exactly_one_hundred_reservations()
    {
        await _app.ListItemAsync("hot", stock: 100, perUserLimit: 1);

        var receipts = await Concurrently(2_000, i => _app.PlaceOrderAsync($"order-{i}", "hot", $"user-{i}"));

        receipts.Count(r => r.Reserved).ShouldBe(100);
        receipts.Where(r => !r.Reserved).Select(r => r.RejectionReason).ShouldAllBe(reason => reason == RejectionReasons.SoldOut);
        receipts.Count(r => !r.Reserved).ShouldBe(1_900);
        receipts.ShouldAllBe(r => !r.Repeated);
        receipts.Select(r => r.Position).Distinct().Count().ShouldBe(2_000);

        var log = await _app.ReadLogAsync("hot");
        log.OfType<OrderPlaced>().Count.ShouldBe(2_000);
        log.OfType<StockReserved>().Count.ShouldBe(100);
        log.OfType<OrderRejected>().Count.ShouldBe(1_900);
        log.OfType<StockReserved>().Select(e => e.OrderId).ToHashSet()
            .SetEquals(receipts.Where(r => r.Reserved).Select(r => r.OrderId)).ShouldBeTrue();
        log.ReplayCheckingStock().ShouldBe(100);
        log.State.Available.ShouldBe(0);

        // Group commit: many orders share one append.
        var writer = _app.CommandPath.ActiveWriters.Single();
        writer.AppendCount.ShouldBeLessThan(2_000 / 10);
        writer.ConflictCount.ShouldBe(0);
    }

    [Fact]
    public async Task one_buyer_firing_fifty_orders_in_parallel_gets_only_the_per_user_limit()
    {
        await _app.ListItemAsync("limited", stock: 100, perUserLimit: 2);

        var receipts = await Concurrently(50, i => _app.PlaceOrderAsync($"order-{i}", "limited", "greedy-user"));

        receipts.Count(r => r.Reserved).ShouldBe(2);
        receipts.Where(r => !r.Reserved).ShouldAllBe(r => r.RejectionReason == RejectionReasons.PerUserLimit);
        var log = await _app.ReadLogAsync("limited");
        log.OfType<StockReserved>().Count.ShouldBe(2);
        log.OfType<OrderRejected>().Count.ShouldBe(48);
        log.State.HeldBy("greedy-user").ShouldBe(2);
        log.State.Available.ShouldBe(98);
    }

    [Fact]
    public async Task twenty_parallel_repeats_of_one_order_id_reserve_once_and_answer_identically()
    {
        await _app.ListItemAsync("repeat", stock: 10, perUserLimit: 5);

        var receipts = await Concurrently(20, _ => _app.PlaceOrderAsync("the-order", "repeat", "alice", quantity: 2));

        receipts.Count(r => !r.Repeated).ShouldBe(1);
        receipts.Count(r => r.Repeated).ShouldBe(19);
        var first = receipts.Single(r => !r.Repeated);
        first.Reserved.ShouldBeTrue();
        first.ReservedUntil.ShouldNotBeNull();
        foreach (var receipt in receipts) (receipt with { Repeated = false }).ShouldBe(first);

        var log = await _app.ReadLogAsync("repeat");
        log.OfType<OrderPlaced>().Count.ShouldBe(1);
        log.OfType<StockReserved>().ShouldHaveSingleItem().ReservedUntil.ShouldBe(first.ReservedUntil!.Value);
        log.Of("the-order").Last().Recorded.Position.ShouldBe(first.Position);
        log.State.Available.ShouldBe(8);
    }

    [Fact]
    public async Task a_repeat_after_the_item_sold_out_still_answers_the_original_reservation()
    {
        await _app.ListItemAsync("once", stock: 1, perUserLimit: 1);
        var original = await _app.PlaceOrderAsync("first", "once", "alice");
        var soldOut = await _app.PlaceOrderAsync("second", "once", "bob");

        var repeat = await _app.PlaceOrderAsync("first", "once", "alice");

        original.Reserved.ShouldBeTrue();
        soldOut.RejectionReason.ShouldBe(RejectionReasons.SoldOut);
        repeat.ShouldBe(original with { Repeated = true });
        (await _app.ReadLogAsync("once")).Entries.Count.ShouldBe(5);
    }

    private static async Task<OrderReceipt[]> Concurrently(int count, Func<int, Task<OrderReceipt>> placeOrder)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var orders = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await placeOrder(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(orders).WaitAsync(Eventually.Bound);
    }
}

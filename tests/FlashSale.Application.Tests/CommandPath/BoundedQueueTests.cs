using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>Bounded work per caller: a full item queue answers at once, and a caller who gave up costs nothing.</summary>
public sealed class BoundedQueueTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private GatedEventStore _gate = null!;
    private WriteSide _side = null!;

    public async Task InitializeAsync() =>
        _side = await WriteSide.StartAsync(_database.Path, decorateStore: store => _gate = new GatedEventStore(store),
            settings: new Dictionary<string, string?> { ["CommandPath:MaxBatchSize"] = "1", ["CommandPath:MaxQueueLength"] = "4" });

    public async Task DisposeAsync()
    {
        _gate.Open();
        await _side.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task when_the_items_queue_is_full_more_orders_are_refused_as_overloaded_at_once_and_the_queued_ones_are_reserved()
    {
        await _side.ListItemAsync("busy", stock: 100);
        await HoldOneAppendAsync("busy");

        // Real concurrent callers: at most one more is decided on top of the held append, four wait in the queue.
        var calls = Enumerable.Range(0, 20).Select(i => Task.Run(() => _side.PlaceOrderAsync($"o-{i}", "busy", $"u-{i}"))).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(calls.Count(c => c.IsCompleted) >= 15), "the overflow is answered while the append is held");

        var refused = calls.Where(c => c.IsCompleted).ToList();
        refused.ShouldAllBe(c => c.Exception!.InnerException is CommandPathOverloadedException);
        refused.Count.ShouldBeLessThanOrEqualTo(16);
        _gate.Open();
        var accepted = calls.Except(refused).ToList();
        foreach (var call in accepted) (await call.WaitAsync(Eventually.Bound)).Reserved.ShouldBeTrue();
        var log = await _side.ReadLogAsync("busy");
        log.OfType<StockReserved>().Count.ShouldBe(1 + accepted.Count, "the held order and every accepted one, no refused one");
        _side.Writer("busy").QueueLength.ShouldBe(0);
    }

    [Fact]
    public async Task an_order_refused_as_overloaded_keeps_its_order_id_free()
    {
        await _side.ListItemAsync("full", stock: 100);
        await _side.ListItemAsync("other", stock: 100);
        await HoldOneAppendAsync("full");
        var calls = Enumerable.Range(0, 10).Select(i => Task.Run(() => _side.PlaceOrderAsync($"full-{i}", "full", $"u-{i}"))).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(calls.Count(c => c.IsCompleted) >= 5), "the overflow is answered");
        var refusedId = $"full-{calls.FindIndex(c => c.IsCompleted)}";
        _gate.Open();
        await Task.WhenAll(calls.Where(c => !c.IsFaulted)).WaitAsync(Eventually.Bound);

        var elsewhere = await _side.PlaceOrderAsync(refusedId, "other", "u-retry");

        elsewhere.Reserved.ShouldBeTrue("nothing was recorded for the refused order, so its id may be used again");
    }

    [Fact]
    public async Task an_order_whose_caller_gave_up_before_it_was_decided_is_dropped_and_never_appended()
    {
        await _side.ListItemAsync("gave-up", stock: 100);
        await HoldOneAppendAsync("gave-up");
        var decided = _side.PlaceOrderAsync("o-decided", "gave-up", "u-decided");
        await Eventually.HoldsAsync(() => Task.FromResult(_side.Writer("gave-up").QueueLength == 0), "the next order was taken on top");
        using var caller = new CancellationTokenSource();
        var abandoned = _side.Mediator.Send(new PlaceOrderRequest("o-abandoned", "gave-up", "u-abandoned", 1, CommandContext.System("u")), caller.Token).AsTask();
        await Eventually.HoldsAsync(() => Task.FromResult(_side.Writer("gave-up").QueueLength == 1), "the order waits in the queue");

        await caller.CancelAsync();
        _gate.Open();

        await Should.ThrowAsync<OperationCanceledException>(() => abandoned.WaitAsync(Eventually.Bound));
        (await decided.WaitAsync(Eventually.Bound)).Reserved.ShouldBeTrue();
        (await _side.PlaceOrderAsync("o-later", "gave-up", "u-later")).Reserved.ShouldBeTrue();
        var log = await _side.ReadLogAsync("gave-up");
        log.Of("o-abandoned").ShouldBeEmpty();
        log.OfType<StockReserved>().Count.ShouldBe(3);
    }

    /// <summary>Places one order and holds its append, so later commands for the item queue up behind it.</summary>
    private async Task HoldOneAppendAsync(string itemId)
    {
        _gate.Close();
        _ = _side.PlaceOrderAsync($"{itemId}-held", itemId, "u-held");
        await _gate.Blocked.WaitAsync(Eventually.Bound);
    }
}

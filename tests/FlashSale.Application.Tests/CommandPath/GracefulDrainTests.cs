using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

public sealed class GracefulDrainTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private GatedEventStore _gate = null!;
    private WriteSide _app = null!;

    public async Task InitializeAsync() =>
        _app = await WriteSide.StartAsync(_database.Path, decorateStore: store => _gate = new GatedEventStore(store));

    public async Task DisposeAsync()
    {
        _gate.Open();
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task commands_queued_when_the_command_path_shuts_down_are_still_appended()
    {
        await _app.ListItemAsync("item", stock: 100, perUserLimit: 1);
        _gate.Close();
        var inFlight = _app.PlaceOrderAsync("order-0", "item", "user-0");
        await _gate.Blocked.WaitAsync(Eventually.Bound);
        var queued = Enumerable.Range(1, 50).Select(i => _app.PlaceOrderAsync($"order-{i}", "item", $"user-{i}")).ToList();

        var shutdown = _app.CommandPath.DisposeAsync().AsTask();
        await Should.ThrowAsync<ObjectDisposedException>(() => _app.PlaceOrderAsync("order-late", "item", "user-late"));
        shutdown.IsCompleted.ShouldBeFalse("the writer still holds an append in flight");
        _gate.Open();
        await shutdown.WaitAsync(Eventually.Bound);

        OrderReceipt[] receipts = [await inFlight, .. await Task.WhenAll(queued).WaitAsync(Eventually.Bound)];
        receipts.ShouldAllBe(r => r.Reserved);
        var log = await _app.ReadLogAsync("item");
        log.OfType<StockReserved>().Select(e => e.OrderId).ShouldBe(receipts.Select(r => r.OrderId), ignoreOrder: true);
        log.Of("order-late").ShouldBeEmpty();
        foreach (var receipt in receipts) log.Of(receipt.OrderId)[^1].Recorded.Position.ShouldBe(receipt.Position);
    }

    [Fact]
    public async Task under_load_every_order_is_either_acknowledged_and_logged_or_refused_as_shutting_down()
    {
        await _app.ListItemAsync("item", stock: 1_000, perUserLimit: 1);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var orders = Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await _app.PlaceOrderAsync($"order-{i}", "item", $"user-{i}");
        })).ToList();

        start.SetResult();
        await _app.CommandPath.DisposeAsync();
        await Task.WhenAll(orders.Select(o => o.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Eventually.Bound);

        orders.Where(o => o.IsFaulted).ShouldAllBe(o => o.Exception!.InnerException is ObjectDisposedException);
        var acknowledged = orders.Where(o => o.IsCompletedSuccessfully).Select(o => o.Result.OrderId).ToList();
        var log = await _app.ReadLogAsync("item");
        log.OfType<OrderPlaced>().Select(e => e.OrderId).ShouldBe(acknowledged, ignoreOrder: true);
    }
}

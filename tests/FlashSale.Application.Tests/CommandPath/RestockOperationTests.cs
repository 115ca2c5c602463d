using FlashSale.Application.CommandPath;
using FlashSale.Application.Items;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>A restock retried with its operation id (after a 503 or a timeout) adds its stock once, in one process or
/// several, before or after a restart, and answers what the first one answered.</summary>
public sealed class RestockOperationTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private WriteSide _a = null!;
    private WriteSide _b = null!;

    public async Task InitializeAsync()
    {
        _a = await WriteSide.StartAsync(_database.Path);
        _b = await WriteSide.StartAsync(_database.Path);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task concurrent_retries_of_one_restock_on_two_processes_add_its_stock_once_and_all_answer_the_first_receipt()
    {
        await _a.ListItemAsync("shelf", stock: 3);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? _a : _b).Mediator.Send(Restock("shelf", 10, "op-7")).AsTask())));

        receipts.Distinct().ShouldHaveSingleItem().Available.ShouldBe(13);
        var log = await _a.ReadLogAsync("shelf");
        log.OfType<ItemRestocked>().ShouldHaveSingleItem().OperationId.ShouldBe("op-7");
        log.State.Available.ShouldBe(13);
    }

    [Fact]
    public async Task after_a_restart_a_repeated_restock_answers_the_first_receipt_and_another_quantity_is_refused()
    {
        await _a.ListItemAsync("restart", stock: 3);
        var first = await _a.Mediator.Send(Restock("restart", 4, "op-1"));
        await _a.PlaceOrderAsync("o-1", "restart", "alice");

        await using var restarted = await WriteSide.StartAsync(_database.Path);
        var repeated = await restarted.Mediator.Send(Restock("restart", 4, "op-1"));
        var reused = await Should.ThrowAsync<DomainException>(() => restarted.Mediator.Send(Restock("restart", 5, "op-1")).AsTask());

        repeated.ShouldBe(first);
        reused.Code.ShouldBe(DomainErrors.RestockOperationReused);
        (await restarted.ReadLogAsync("restart")).OfType<ItemRestocked>().ShouldHaveSingleItem();
    }

    private static RestockItemRequest Restock(string itemId, int quantity, string operationId) =>
        new(itemId, quantity, "delivery", CommandContext.System("operator"), operationId);
}

using FlashSale.EventStore;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task a_commit_of_several_projections_writes_each_one_rows_with_its_own_checkpoint()
    {
        var poison = new PoisonEvent(OrderStatus.Name, LogPosition.At(4), "item-sku-9", 0, "V1.StockReserved", "bad", DateTimeOffset.UtcNow);
        (await Store.CommitAsync(Commit(Inventory, 1, 2, [ItemRow("sku-1"), ItemRow("sku-2")]))).ShouldBeTrue();

        var moved = await Store.CommitAllAsync([
            Commit(Inventory, 2, 5, [ItemRow("sku-1", available: 3, position: 5)], deletes: ["sku-2"]),
            Commit(OrderStatus, 1, 5, [OrderRow("order-1", "alice", 4)], poison: [poison]),
        ]);

        moved.ShouldBeNull();
        (await KeysOf(Inventory)).ShouldBe(["sku-1"]);
        Inventory.FromValues((await Store.GetRowAsync(Inventory, "sku-1"))!).Available.ShouldBe(3);
        (await KeysOf(OrderStatus)).ShouldBe(["order-1"]);
        (await Store.ReadPoisonEventsAsync(OrderStatus.Name, 10)).ShouldBe([poison]);
        var (inventory, orders) = (await CheckpointOf(Inventory), await CheckpointOf(OrderStatus));
        (inventory.Position, inventory.Version, inventory.EventsApplied).ShouldBe((LogPosition.At(5), 3L, 4L));
        (orders.Position, orders.Version, orders.EventsApplied).ShouldBe((LogPosition.At(5), 2L, 2L));
        (await CheckpointOf(DeadLetters)).Version.ShouldBe(1L, "a projection left out of the commit is untouched");
    }

    [Fact]
    public async Task a_commit_of_several_projections_with_one_checkpoint_moved_writes_none_of_them_and_names_it()
    {
        (await Store.CommitAsync(Commit(OrderStatus, 1, 2, [OrderRow("order-1", "alice", 1)]))).ShouldBeTrue();
        var stale = Commit(OrderStatus, 1, 6, [OrderRow("order-2", "bob", 5)]);

        var moved = await Store.CommitAllAsync([Commit(Inventory, 1, 6, [ItemRow("sku-1")]), stale, Commit(DeadLetters, 1, 6, [])]);

        moved.ShouldBeSameAs(stale);
        (await KeysOf(Inventory)).ShouldBeEmpty();
        (await KeysOf(OrderStatus)).ShouldBe(["order-1"]);
        (await CheckpointOf(Inventory)).Version.ShouldBe(1L);
        (await CheckpointOf(OrderStatus)).Position.ShouldBe(LogPosition.At(2));
        (await CheckpointOf(DeadLetters)).Version.ShouldBe(1L);
    }

    [Fact]
    public async Task a_commit_of_several_projections_that_fails_for_one_leaves_all_of_them_as_they_were()
    {
        var broken = ItemRow("sku-2");
        broken[Inventory.Table.IndexOf("name")] = null; // NOT NULL column

        await Should.ThrowAsync<Exception>(() => Store.CommitAllAsync([Commit(OrderStatus, 1, 3, [OrderRow("order-1", "alice", 1)]),
            Commit(Inventory, 1, 3, [ItemRow("sku-1"), broken])]));

        (await KeysOf(OrderStatus)).ShouldBeEmpty();
        (await CheckpointOf(OrderStatus)).Version.ShouldBe(1L);
        (await CheckpointOf(Inventory)).Position.ShouldBeNull();
    }

    [Fact]
    public async Task a_batch_one_projection_cannot_take_moves_no_projection_until_it_can()
    {
        var database = await NewDatabaseAsync();
        var store = OpenOwned(database);
        await store.InitializeAsync(Projections);
        await ScriptedSale.AppendAsync(Log, count: 5);
        await using (new RunningProjections(Projections, Events, store, batchSize: 1000))
        {
            await CaughtUpAsync(store);
            var before = await CheckpointOf(Inventory, store: store);
            // The second projection's table is gone: the next batch can be applied to the first one but not to it.
            await ExecuteSqlAsync(database, $"ALTER TABLE {OrderStatus.Table.Name} RENAME TO order_status_away");
            await ScriptedSale.AppendAsync(Log, from: 5);
            await Eventually.HoldsAsync(async () => (await CheckpointOf(Inventory, store: store)).State == ProjectionStates.Faulted,
                "the runner fails the batch", Patience);

            var inventory = await CheckpointOf(Inventory, store: store);
            (inventory.Position, inventory.Version).ShouldBe((before.Position, before.Version), "the projection before it did not move alone");
            await ExecuteSqlAsync(database, $"ALTER TABLE order_status_away RENAME TO {OrderStatus.Table.Name}");
            await CaughtUpAsync(store);
        }
        await ShouldEqualCleanReplayAsync(store);
    }
}

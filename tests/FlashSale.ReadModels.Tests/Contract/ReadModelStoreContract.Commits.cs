using FlashSale.EventStore;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task initialising_creates_empty_live_checkpoints_and_initialising_again_keeps_everything()
    {
        var fresh = await Store.ReadCheckpointsAsync();
        fresh.Select(c => (c.Projection, c.Slot, c.Position, c.Version, c.EventsApplied, c.State)).OrderBy(c => c.Projection).ShouldBe(
            Projections.Select(p => (p.Name, ReadModelSlot.Live, (LogPosition?)null, 1L, 0L, ProjectionStates.Stopped)).OrderBy(c => c.Name));
        (await Store.CommitAsync(Commit(Inventory, 1, 5, [ItemRow("sku-1", available: 7)]))).ShouldBeTrue();

        await Store.InitializeAsync(Projections);
        await Store.InitializeAsync(Projections);

        (await KeysOf(Inventory)).ShouldBe(["sku-1"]);
        (await Store.GetRowAsync(Inventory, "sku-1"))![Inventory.Table.IndexOf("available")].ShouldBe(7L);
        var checkpoint = await CheckpointOf(Inventory);
        (checkpoint.Position, checkpoint.Version, checkpoint.EventsApplied).ShouldBe((LogPosition.At(5), 2L, 1L));
        (await Store.ReadCheckpointsAsync()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task stores_initialising_one_database_at_the_same_time_all_succeed()
    {
        var database = await NewDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => OpenOwned(database)).ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var starting = stores.Select(s => Task.Run(async () => { await gate.Task; await s.InitializeAsync(Projections); })).ToArray();
        gate.SetResult();
        await Task.WhenAll(starting).WaitAsync(Patience);

        (await stores[0].ReadCheckpointsAsync()).Select(c => c.Projection).Order().ShouldBe(Projections.Select(p => p.Name).Order());
        (await stores[3].CommitAsync(Commit(Inventory, 1, 2, [ItemRow("sku-1")]))).ShouldBeTrue();
        (await KeysOf(Inventory, stores[1])).ShouldBe(["sku-1"]);
    }

    [Fact]
    public async Task a_commit_writes_upserts_deletes_and_the_checkpoint_together()
    {
        (await Store.CommitAsync(Commit(Inventory, 1, 3, [ItemRow("sku-1"), ItemRow("sku-2")]))).ShouldBeTrue();

        (await Store.CommitAsync(Commit(Inventory, 2, 7, [ItemRow("sku-1", available: 4, sold: 6, position: 7)], deletes: ["sku-2"]))).ShouldBeTrue();

        (await KeysOf(Inventory)).ShouldBe(["sku-1"]);
        var row = Inventory.FromValues((await Store.GetRowAsync(Inventory, "sku-1"))!);
        (row.Available, row.Sold, row.LastPosition).ShouldBe((4, 6, "7"));
        var checkpoint = await CheckpointOf(Inventory);
        (checkpoint.Position, checkpoint.Version, checkpoint.EventsApplied).ShouldBe((LogPosition.At(7), 3L, 4L));
        (await KeysOf(OrderStatus)).ShouldBeEmpty("a commit touches only its own projection");
    }

    [Fact]
    public async Task a_commit_that_fails_half_way_leaves_rows_and_checkpoint_as_they_were()
    {
        var broken = ItemRow("sku-2");
        broken[Inventory.Table.IndexOf("name")] = null; // NOT NULL column

        await Should.ThrowAsync<Exception>(() => Store.CommitAsync(Commit(Inventory, 1, 3, [ItemRow("sku-1"), broken])));

        (await KeysOf(Inventory)).ShouldBeEmpty();
        var checkpoint = await CheckpointOf(Inventory);
        (checkpoint.Position, checkpoint.Version).ShouldBe(((LogPosition?)null, 1L));
        (await Store.CommitAsync(Commit(Inventory, 1, 3, [ItemRow("sku-1")]))).ShouldBeTrue("the store works on after a failed commit");
    }

    [Fact]
    public async Task a_commit_with_a_stale_version_writes_nothing_and_returns_false()
    {
        (await Store.CommitAsync(Commit(Inventory, 1, 3, [ItemRow("sku-1")]))).ShouldBeTrue();
        var poison = new PoisonEvent(Inventory.Name, LogPosition.At(4), "item-sku-9", 0, "V1.StockReserved", "bad", DateTimeOffset.UtcNow);

        (await Store.CommitAsync(Commit(Inventory, 1, 9, [ItemRow("sku-9")], deletes: ["sku-1"], poison: [poison]))).ShouldBeFalse();

        (await KeysOf(Inventory)).ShouldBe(["sku-1"]);
        (await Store.CountPoisonEventsAsync(Inventory.Name)).ShouldBe(0);
        var checkpoint = await CheckpointOf(Inventory);
        (checkpoint.Position, checkpoint.Version, checkpoint.EventsApplied).ShouldBe((LogPosition.At(3), 2L, 1L));
    }

    [Fact]
    public async Task writers_racing_for_the_same_version_let_exactly_one_win_each_time()
    {
        const int rounds = 5, writers = 8;
        for (var round = 0; round < rounds; round++)
        {
            var version = (await CheckpointOf(Inventory)).Version;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                await gate.Task;
                return await Store.CommitAsync(Commit(Inventory, version, (ulong)(round * 10 + w + 1), [ItemRow($"r{round}-w{w}")]));
            })).ToArray();

            gate.SetResult();
            var won = await Task.WhenAll(racers).WaitAsync(Patience);

            won.Count(w => w).ShouldBe(1, $"round {round}");
            var winner = Array.IndexOf(won, true);
            (await KeysOf(Inventory)).Where(k => k.StartsWith($"r{round}-", StringComparison.Ordinal)).ShouldBe([$"r{round}-w{winner}"]);
            var checkpoint = await CheckpointOf(Inventory);
            (checkpoint.Version, checkpoint.Position).ShouldBe((version + 1, LogPosition.At((ulong)(round * 10 + winner + 1))));
        }
        (await CheckpointOf(Inventory)).EventsApplied.ShouldBe(rounds);
    }

    [Fact]
    public async Task poison_events_are_recorded_with_their_commit_and_counted_per_projection()
    {
        PoisonEvent Poison(string projection, ulong position) => new(projection, LogPosition.At(position), "item-sku-1", (long)position,
            "V1.StockReserved", $"Unreadable event at {position}", ScriptedSale.At((int)position));

        (await Store.CommitAsync(Commit(Inventory, 1, 3, [], poison: [Poison(Inventory.Name, 1), Poison(Inventory.Name, 2)]))).ShouldBeTrue();
        (await Store.CommitAsync(Commit(Inventory, 2, 6, [ItemRow("sku-1")], poison: [Poison(Inventory.Name, 5)]))).ShouldBeTrue();
        (await Store.CommitAsync(Commit(OrderStatus, 1, 6, [], poison: [Poison(OrderStatus.Name, 5)]))).ShouldBeTrue();

        (await Store.CountPoisonEventsAsync(Inventory.Name)).ShouldBe(3);
        (await Store.CountPoisonEventsAsync(OrderStatus.Name)).ShouldBe(1);
        (await Store.CountPoisonEventsAsync(DeadLetters.Name)).ShouldBe(0);
        var newest = await Store.ReadPoisonEventsAsync(Inventory.Name, limit: 2);
        newest.ShouldBe([Poison(Inventory.Name, 5), Poison(Inventory.Name, 2)], "newest first, every field kept");
    }
}

using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task a_runner_follows_live_appends_and_resumes_from_its_checkpoint_after_being_stopped()
    {
        await ScriptedSale.AppendAsync(Log, count: 5);
        await using (new RunningProjections(Projections, Events, Store, batchSize: 3))
        {
            await CaughtUpAsync();
            await ShouldEqualCleanReplayAsync();
            await ScriptedSale.AppendAsync(Log, from: 5);
            await CaughtUpAsync();
            await ShouldEqualCleanReplayAsync();
        }
        (await CheckpointOf(Inventory)).State.ShouldBe(ProjectionStates.Stopped);
        var stoppedAt = await CheckpointOf(OrderStatus);
        var generator = new SaleGenerator(seed: 3, items: 4);
        while (generator.EventsGenerated < 300) await Log.AppendAsync(generator.Next());
        await Task.Delay(200);
        (await CheckpointOf(OrderStatus)).ShouldBe(stoppedAt, "nothing follows the log while the runners are stopped");

        await using (new RunningProjections(Projections, Events, Store, batchSize: 50))
        {
            await CaughtUpAsync();
            (await CheckpointOf(Inventory)).State.ShouldBe(ProjectionStates.Running);
        }

        await ShouldEqualCleanReplayAsync();
    }

    [Fact]
    public async Task a_rebuild_swaps_in_a_clean_replay_while_queries_keep_answering_and_events_keep_arriving()
    {
        var generator = new SaleGenerator(seed: 5, items: 12);
        while (generator.EventsGenerated < 3000) await Log.AppendAsync(generator.Next(operations: 20));
        var live = await CheckpointOf(Inventory);
        (await Store.CommitAsync(Commit(Inventory, live.Version, 1, [ItemRow("zz-corrupt")]))).ShouldBeTrue(); // a row no replay makes
        var rebuilder = new ProjectionRebuilder(Events, Store, new ReadModelOptions { RebuildBatchSize = 150 }, TimeProvider.System,
            NullLogger<ProjectionRebuilder>.Instance);

        await using (new RunningProjections(Projections, Events, Store, batchSize: 100))
        {
            await CaughtUpAsync();
            using var stop = new CancellationTokenSource();
            var appending = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested) { await Log.AppendAsync(generator.Next(operations: 5)); await Task.Delay(5); }
            });
            var querying = Task.Run(() => QueryWhileRebuildingAsync(stop.Token));

            foreach (var projection in Projections)
                (await rebuilder.RebuildAsync(projection).WaitAsync(Patience)).Phase.ShouldBe(RebuildPhases.Done);

            await stop.CancelAsync();
            await appending.WaitAsync(Patience);
            (await querying.WaitAsync(Patience)).ShouldBeGreaterThan(0, "queries answered during the rebuild");
            await CaughtUpAsync();
        }

        (await KeysOf(Inventory)).ShouldNotContain("zz-corrupt");
        await ShouldEqualCleanReplayAsync();
        foreach (var projection in Projections) (await Store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Shadow)).ShouldBeNull();
    }

    /// <summary>Reads the live tables in a loop: every row whole and consistent, and no item or order ever vanishes.
    /// Returns how many rounds of queries answered.</summary>
    private async Task<int> QueryWhileRebuildingAsync(CancellationToken stop)
    {
        var (rounds, items, orders) = (0, 0, 0);
        while (!stop.IsCancellationRequested)
        {
            var inventory = (await Store.QueryRowsAsync(Inventory, new RowQuery([], [], 10_000))).Select(Inventory.FromValues).ToList();
            foreach (var item in inventory.Where(i => i.ItemId != "zz-corrupt"))
                (item.Available + item.Reserved + item.Sold).ShouldBe(item.InitialStock + item.Restocked, $"stock of {item.ItemId} adds up");
            inventory.Count(i => i.ItemId != "zz-corrupt").ShouldBeGreaterThanOrEqualTo(items, "no item vanishes");
            items = inventory.Count(i => i.ItemId != "zz-corrupt");

            var placed = (await Store.QueryRowsAsync(OrderStatus, new RowQuery([], [], 1_000_000))).Select(OrderStatus.FromValues).ToList();
            placed.ShouldAllBe(o => o.Status != OrderStatuses.Confirmed || o.ConfirmedAt != null && o.ReservedAt != null);
            placed.Count.ShouldBeGreaterThanOrEqualTo(orders, "no order vanishes");
            orders = placed.Count;
            rounds++;
        }
        return rounds;
    }
}

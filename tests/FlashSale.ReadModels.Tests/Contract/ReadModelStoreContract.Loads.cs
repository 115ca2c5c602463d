using FlashSale.Domain.Items;
using FlashSale.Projections;
using FlashSale.Projections.OrderItems;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

/// <summary>Row loads a writer skips because the row cannot exist (ADR 0029), and those it must not skip.</summary>
public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task a_writer_from_an_empty_table_asks_for_no_row_it_never_wrote_even_after_its_cache_overflowed()
    {
        await AppendGeneratedSaleAsync(events: 400);
        var (store, loads) = CountingLoads.Over(Store);

        foreach (var projection in Projections)
        {
            var writer = (await ProjectionWriter.ResumeLiveAsync(projection, store, TimeProvider.System, CancellationToken.None, cacheLimit: 8))!;
            foreach (var batch in (await CleanReplay.ReadLogAsync(Events)).Chunk(10)) await writer.ApplyAsync(batch, CancellationToken.None);
        }

        loads.KeysAsked.ShouldBeGreaterThan(0, "rows written before the cache overflowed are loaded back");
        loads.KeysWithoutRow.ShouldBe(0);
        await ShouldEqualCleanReplayAsync();
    }

    [Fact]
    public async Task live_projections_on_a_new_read_store_ask_for_no_row_they_never_wrote()
    {
        await ScriptedSale.AppendAsync(Log);
        var (store, loads) = CountingLoads.Over(Store);

        await using (new RunningProjections(Projections, Events, store, batchSize: 4))
        {
            await CaughtUpAsync();
            await AppendGeneratedSaleAsync(events: 300);
            await CaughtUpAsync();
        }

        loads.KeysWithoutRow.ShouldBe(0);
        await ShouldEqualCleanReplayAsync();
    }

    [Fact]
    public async Task a_process_restarted_on_a_filled_read_store_asks_only_for_rows_it_has_and_updates_them_in_place()
    {
        var generator = new SaleGenerator(seed: 12, items: 3, prefix: "resumed");
        while (generator.EventsGenerated < 200) await Log.AppendAsync(generator.Next());
        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 7);
        while (generator.EventsGenerated < 400) await Log.AppendAsync(generator.Next()); // the same orders and items go on
        var (store, loads) = CountingLoads.Over(Store);

        await using (new RunningProjections(Projections, Events, store, batchSize: 5)) await CaughtUpAsync();

        loads.KeysAsked.ShouldBeGreaterThan(0, "rows written before the restart are loaded, so their updates apply to them");
        loads.KeysWithoutRow.ShouldBe(0, "the keys read at the start tell which rows exist");
        await ShouldEqualCleanReplayAsync();
    }

    [Fact]
    public async Task a_writer_on_a_table_larger_than_its_seed_limit_loads_every_key_it_did_not_write()
    {
        var generator = new SaleGenerator(seed: 13, items: 3, prefix: "large");
        while (generator.EventsGenerated < 200) await Log.AppendAsync(generator.Next());
        await ReplayAsync(OrderStatus, batchSize: 7);
        while (generator.EventsGenerated < 400) await Log.AppendAsync(generator.Next());
        var (store, loads) = CountingLoads.Over(Store);
        var rows = (await CleanReplay.TableAsync(Store, OrderStatus)).Count;

        var writer = (await ProjectionWriter.ResumeLiveAsync(OrderStatus, store, TimeProvider.System, CancellationToken.None, seedLimit: rows - 1))!;
        foreach (var batch in (await CleanReplay.ReadLogAsync(Events)).Where(e => e.Position > writer.Position!.Value).Chunk(10))
            await writer.ApplyAsync(batch, CancellationToken.None);

        loads.KeysWithoutRow.ShouldBeGreaterThan(0, "a table over the limit may hold any key");
        (await CleanReplay.TableAsync(Store, OrderStatus)).ShouldBe(CleanReplay.Rows(OrderStatus, await CleanReplay.ReadLogAsync(Events)));
    }

    [Fact]
    public async Task a_restarted_writer_whose_keys_another_process_outdated_writes_nothing_and_its_successor_loads_their_rows()
    {
        var generator = new SaleGenerator(seed: 14, items: 3, prefix: "outdated");
        while (generator.EventsGenerated < 150) await Log.AppendAsync(generator.Next());
        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 7);
        var other = await OpenSecondAsync(); // another process on the same read store (the CLI's catch-up, a second projector)
        var seeded = (await ProjectionWriter.ResumeLiveAsync(OrderStatus, Store, TimeProvider.System, CancellationToken.None))!;
        while (generator.EventsGenerated < 300) await Log.AppendAsync(generator.Next()); // new orders
        await new ProjectionCatchUp(Events, other, new ReadModelOptions(), TimeProvider.System).RunToHeadAsync(OrderStatus);
        var written = await CleanReplay.TableAsync(Store, OrderStatus);

        var unseen = (await CleanReplay.ReadLogAsync(Events)).Where(e => e.Position > seeded.Position!.Value).ToList();
        await Should.ThrowAsync<CheckpointMovedException>(() => seeded.ApplyAsync(unseen, CancellationToken.None));
        (await CleanReplay.TableAsync(Store, OrderStatus)).ShouldBe(written, "the rows the other process wrote are left as they are");

        while (generator.EventsGenerated < 450) await Log.AppendAsync(generator.Next()); // their outcomes
        var (store, loads) = CountingLoads.Over(Store);
        await using (new RunningProjections(Projections, Events, store, batchSize: 5)) await CaughtUpAsync();
        loads.KeysWithoutRow.ShouldBe(0);
        await ShouldEqualCleanReplayAsync();
    }

    [Fact]
    public async Task the_keys_of_a_key_snapshot_are_those_of_its_checkpoint_while_another_writer_commits()
    {
        var generator = new SaleGenerator(seed: 15, items: 3, prefix: "snapshot");
        while (generator.EventsGenerated < 600) await Log.AppendAsync(generator.Next());
        var log = await CleanReplay.ReadLogAsync(Events);
        var other = await OpenSecondAsync();
        var writing = Task.Run(async () =>
        {
            var writer = new ProjectionWriter(OrderStatus, ReadModelSlot.Live, other, await CheckpointOf(OrderStatus, store: other), TimeProvider.System);
            foreach (var batch in log.Chunk(2)) await writer.ApplyAsync(batch, CancellationToken.None);
        });

        var snapshots = 0;
        while (!writing.IsCompleted || snapshots == 0)
        {
            var keys = new List<string>();
            var checkpoint = (await Store.ReadKeySnapshotAsync(OrderStatus, int.MaxValue, key => keys.Add(key.ToString())))!;
            var expected = CleanReplay.Rows(OrderStatus, log.Where(e => checkpoint.Position is { } at && e.Position <= at));
            keys.Order(StringComparer.Ordinal).ShouldBe(expected.Select(KeyOfRow).Order(StringComparer.Ordinal), $"keys at {checkpoint.Position}");
            snapshots++;
        }
        await writing;
        snapshots.ShouldBeGreaterThan(1);

        static string KeyOfRow(string row)
        {
            var values = row.Split(" | ");
            return OrderStatus.Table.KeyOf(values).ToString();
        }
    }

    [Fact]
    public async Task a_row_every_other_batch_touches_stays_in_a_writers_cache_while_the_rows_of_others_are_dropped_and_loaded_back()
    {
        string[] items = ["sku-c1", "sku-c2", "sku-c3", "sku-c4", "sku-c5", "sku-hot"]; // the hot one listed last: the cache keeps it
        await Log.AppendAsync([.. items.Select(id => new SaleItemListed(id, id, 1_000, 1_000, null, null, 300, ScriptedSale.At(0)))]);
        for (var i = 0; i < 40; i++)
        {
            await Log.AppendAsync([new OrderPlaced("sku-hot", $"h-{i}", "u1", 1, ScriptedSale.At(1)),
                new StockReserved("sku-hot", $"h-{i}", "u1", 1, ScriptedSale.At(301))]);
            await Log.AppendAsync([new StockReserved(items[2 * i % 5], $"c-{i}", "u2", 1, ScriptedSale.At(301)),
                new StockReserved(items[(2 * i + 1) % 5], $"d-{i}", "u2", 1, ScriptedSale.At(301))]); // what moves their inventory
        }
        var (store, loads) = CountingLoads.Over(Store);
        var writer = (await ProjectionWriter.ResumeLiveAsync(Inventory, store, TimeProvider.System, CancellationToken.None, cacheLimit: 4))!;

        var log = await CleanReplay.ReadLogAsync(Events);
        await writer.ApplyAsync(log.Take(items.Length).ToList(), CancellationToken.None);
        // Batches of two events: the hot item's order, then two cold items' reservations.
        foreach (var batch in log.Skip(items.Length).Chunk(2)) await writer.ApplyAsync(batch, CancellationToken.None);

        loads.KeysAsked.ShouldBeGreaterThan(0, "the cold items' rows were dropped to keep within the limit, and loaded back");
        loads.Asked.ShouldNotContain((RowKey)"sku-hot", "the hot item's row is touched every other batch, so it is never the one dropped");
        loads.KeysWithoutRow.ShouldBe(0);
        (await CleanReplay.TableAsync(Store, Inventory)).ShouldBe(CleanReplay.Rows(Inventory, log));
    }

    [Fact]
    public async Task order_items_are_not_kept_in_memory_and_a_repeated_placement_finds_the_first_one_in_the_store()
    {
        var orderItems = new OrderItemProjection();
        await Store.InitializeAsync([orderItems]);
        await Log.AppendAsync([new SaleItemListed("sku-1", "Desk", 5, 2, null, null, 300, ScriptedSale.At(0))]);
        await Log.AppendAsync([new OrderPlaced("sku-1", "o-1", "u1", 1, ScriptedSale.At(1)), new OrderPlaced("sku-1", "o-2", "u2", 1, ScriptedSale.At(1))]);
        await Log.AppendAsync([new OrderPlaced("sku-1", "o-1", "u1", 1, ScriptedSale.At(2))]); // a repeat an older writer let through
        var (store, loads) = CountingLoads.Over(Store);
        var writer = (await ProjectionWriter.ResumeLiveAsync(orderItems, store, TimeProvider.System, CancellationToken.None))!;

        foreach (var batch in (await CleanReplay.ReadLogAsync(Events)).Chunk(2)) await writer.ApplyAsync(batch, CancellationToken.None);

        (loads.KeysAsked, loads.KeysWithoutRow).ShouldBe((1, 0), "only the repeated order's row is asked for, and it is there");
        (await CleanReplay.TableAsync(Store, orderItems)).ShouldBe(CleanReplay.Rows(orderItems, await CleanReplay.ReadLogAsync(Events)));
    }

    private async Task<IReadModelStore> OpenSecondAsync()
    {
        var other = OpenOwned(Database);
        await other.InitializeAsync(Projections);
        return other;
    }

    private async Task AppendGeneratedSaleAsync(int events)
    {
        var generator = new SaleGenerator(seed: 11, items: 3, prefix: "loads");
        while (generator.EventsGenerated < events) await Log.AppendAsync(generator.Next());
    }
}

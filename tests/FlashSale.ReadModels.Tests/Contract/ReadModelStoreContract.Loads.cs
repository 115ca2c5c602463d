using FlashSale.Projections;
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
            var checkpoint = await CheckpointOf(projection);
            var writer = new ProjectionWriter(projection, ReadModelSlot.Live, store, checkpoint, TimeProvider.System,
                await ProjectionWriter.StartsEmptyAsync(store, projection, checkpoint, CancellationToken.None), cacheLimit: 8);
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
    public async Task a_writer_resumed_on_a_filled_table_loads_the_rows_it_has_not_seen_and_ends_as_a_clean_replay()
    {
        var generator = new SaleGenerator(seed: 12, items: 3, prefix: "resumed");
        while (generator.EventsGenerated < 200) await Log.AppendAsync(generator.Next());
        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 7);
        while (generator.EventsGenerated < 400) await Log.AppendAsync(generator.Next()); // the same orders and items go on
        var (store, loads) = CountingLoads.Over(Store);

        await using (new RunningProjections(Projections, Events, store, batchSize: 5)) await CaughtUpAsync();

        loads.KeysAsked.ShouldBeGreaterThan(0, "a table filled before this process started may hold any key");
        await ShouldEqualCleanReplayAsync();
    }

    private async Task AppendGeneratedSaleAsync(int events)
    {
        var generator = new SaleGenerator(seed: 11, items: 3, prefix: "loads");
        while (generator.EventsGenerated < events) await Log.AppendAsync(generator.Next());
    }
}

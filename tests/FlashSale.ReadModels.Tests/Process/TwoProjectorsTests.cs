using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Process;

/// <summary>Two projectors on one filled read store, one of them in another process (the projector lock keeps an API from
/// being the second, not the CLI or a projector started by hand): each restarted writer seeds the keys it may find rows
/// for (ADR 0035) while the other writes rows it does not know of.</summary>
[Collection(ProjectorProcessCollection.Name)]
public sealed class TwoProjectorsTests
{
    [Fact]
    public async Task a_restarted_projector_and_one_in_another_process_writing_the_same_filled_read_store_end_equal_to_a_clean_replay()
    {
        using var files = new TempDirectory();
        var (eventsPath, readModelsPath) = (files.File("events.db"), files.File("read-models.db"));
        await using var events = await SqliteEventStore.OpenAsync(eventsPath, TimeSpan.FromMilliseconds(20));
        var log = new SaleLog(events);
        var generator = new SaleGenerator(seed: 43, items: 20);
        while (generator.EventsGenerated < 3_000) await log.AppendAsync(generator.Next(operations: 10));
        await using var store = SqliteReadModelStore.Open(readModelsPath);
        var projections = AllProjections.Create();
        await store.InitializeAsync(projections);
        await using (new RunningProjections(projections, events, store, batchSize: 50)) await CaughtUpAsync(events, store);
        var (counting, loads) = CountingLoads.Over(store);

        using var stop = new CancellationTokenSource();
        var appending = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await log.AppendAsync(generator.Next(operations: 5));
                await Task.Delay(5);
            }
        });
        using (await ProjectorProcess.StartAsync(eventsPath, readModelsPath, batchSize: 20))
        await using (new RunningProjections(projections, events, counting, batchSize: 20))
        {
            await Task.Delay(3_000);
            await stop.CancelAsync();
            await appending.WaitAsync(TimeSpan.FromSeconds(30));
            await CaughtUpAsync(events, store);
        }

        loads.KeysAsked.ShouldBeGreaterThan(0);
        var all = await CleanReplay.ReadLogAsync(events);
        foreach (var projection in projections)
        {
            (await CleanReplay.TableAsync(store, projection)).ShouldBe(CleanReplay.Rows(projection, all), projection.Name);
            (await store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Live))!.EventsApplied.ShouldBe(all.Count, "every event counted once");
            (await store.CountPoisonEventsAsync(projection.Name)).ShouldBe(0);
        }
    }

    private static async Task CaughtUpAsync(SqliteEventStore events, IReadModelStore store)
    {
        var head = await events.ReadHeadPositionAsync();
        await Eventually.HoldsAsync(async () => (await store.ReadCheckpointsAsync()).All(c => c.Position == head),
            "every projection caught up", TimeSpan.FromSeconds(120));
    }
}

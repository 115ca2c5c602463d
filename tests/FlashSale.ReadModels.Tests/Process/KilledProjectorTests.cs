using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Process;

[Collection(ProjectorProcessCollection.Name)]
public sealed class KilledProjectorTests
{
    private const int Kills = 5;

    [Fact]
    public async Task a_projector_killed_at_random_moments_while_events_arrive_ends_equal_to_a_clean_replay()
    {
        using var files = new TempDirectory();
        var (eventsPath, readModelsPath) = (files.File("events.db"), files.File("read-models.db"));
        await using var events = await SqliteEventStore.OpenAsync(eventsPath);
        var log = new SaleLog(events);
        var generator = new SaleGenerator(seed: 42, items: 40);
        while (generator.EventsGenerated < 20_000) await log.AppendAsync(generator.Next(operations: 25));
        await using var store = SqliteReadModelStore.Open(readModelsPath);
        var seed = Environment.TickCount;
        var random = new Random(seed);

        using var stop = new CancellationTokenSource();
        var appending = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) { await log.AppendAsync(generator.Next(operations: 5)); await Task.Delay(10); }
        });
        var killedBehind = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            using var projector = await ProjectorProcess.StartAsync(eventsPath, readModelsPath, batchSize: 50);
            await Task.Delay(random.Next(20, 1500));
            projector.Kill();
            var head = (await events.ReadHeadPositionAsync())!.Value;
            if ((await store.ReadCheckpointsAsync()).Any(c => c.Position is null || c.Position.Value < head)) killedBehind++;
        }
        await stop.CancelAsync();
        await appending.WaitAsync(TimeSpan.FromSeconds(30));

        using (await ProjectorProcess.StartAsync(eventsPath, readModelsPath, batchSize: 50))
        {
            var head = await events.ReadHeadPositionAsync();
            await Eventually.HoldsAsync(async () => (await store.ReadCheckpointsAsync()).All(c => c.Position == head),
                "the restarted projector caught up", TimeSpan.FromSeconds(120));
        }

        killedBehind.ShouldBeGreaterThan(0, $"at least one kill should land mid-way (seed {seed})");
        var all = await CleanReplay.ReadLogAsync(events);
        foreach (var projection in AllProjections.Create())
        {
            (await CleanReplay.TableAsync(store, projection)).ShouldBe(CleanReplay.Rows(projection, all), $"{projection.Name} (seed {seed})");
            (await store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Live))!.EventsApplied.ShouldBe(all.Count, "every event counted once");
            (await store.CountPoisonEventsAsync(projection.Name)).ShouldBe(0);
        }
        await CountsAddUpAsync(store, all);
    }

    /// <summary>No effect duplicated or missed: the totals in the tables equal the totals in the log.</summary>
    private static async Task CountsAddUpAsync(IReadModelStore store, IReadOnlyList<RecordedEvent> all)
    {
        var logged = all.Select(e => ItemEventSerializer.Deserialize(e)!).ToList();
        var inventory = (await store.ReadAllRowsAsync(new InventoryProjection()).ToListAsync()).Select(new InventoryProjection().FromValues).ToList();
        inventory.Sum(i => i.Sold).ShouldBe(logged.OfType<PaymentConfirmed>().Sum(e => e.Quantity));
        inventory.Sum(i => i.Released).ShouldBe(logged.OfType<StockReleased>().Sum(e => e.Quantity));
        inventory.Sum(i => i.RejectedOrders).ShouldBe(logged.OfType<OrderRejected>().Count());
        var orders = await store.ReadAllRowsAsync(new OrderStatusProjection()).CountAsync();
        orders.ShouldBe(logged.OfType<OrderPlaced>().Count());
    }
}

/// <summary>Process tests start real processes: run them alone, not beside the in-process tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProjectorProcessCollection
{
    public const string Name = "projector processes";
}

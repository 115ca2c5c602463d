using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FlashSale.Application.CommandPath;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.EventStore.Sqlite.Snapshots;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Benchmarks;

/// <summary>
/// <c>--restart</c>: the first command on an item with a long stream after a restart, replaying the whole stream and
/// loading the item's snapshot, in one run on one SQLite log, <c>--runs</c> times each (alternating). The log is generated
/// (one listing, then placed and reserved orders of distinct buyers, a restock with an operation id every 500 orders), the
/// snapshot written by a writer that replayed it once and then took orders.
/// </summary>
internal static class RestartBenchmark
{
    private const string ItemId = "long";
    private static readonly CommandContext Context = new("bench", "bench", "bench");

    public static async Task<int> RunAsync(int events, int snapshotEvery, int runs)
    {
        var root = Path.Combine(Path.GetTempPath(), "flashsale-bench-restart-" + Guid.NewGuid().ToString("N"));
        var (eventsPath, snapshotsPath) = (Path.Combine(root, "events.db"), Path.Combine(root, "snapshots.db"));
        var options = new CommandPathOptions { SnapshotEvery = snapshotEvery };
        Console.WriteLine($"restart: {events} events, snapshot every {snapshotEvery}, {runs} runs, data={root}");
        try
        {
            var generated = Stopwatch.StartNew();
            await GenerateAsync(eventsPath, events);
            Console.WriteLine($"generated {events} events in {generated.Elapsed.TotalSeconds:F1} s");

            // A writer that replays the stream once, writes the whole snapshot, then takes orders (incremental snapshots).
            var (first, firstLoad, snapshotting) = await RunWriterAsync(eventsPath, snapshotsPath, options, extraOrders: 3 * snapshotEvery);
            Console.WriteLine($"first command, snapshots on but none yet: {first.TotalMilliseconds:F0} ms ({firstLoad.EventsFolded} events folded); " +
                $"then {3 * snapshotEvery} orders and shutdown in {snapshotting.TotalSeconds:F1} s");
            var size = await SnapshotSizeAsync(snapshotsPath);
            Console.WriteLine($"snapshot: {size.Entries} entries, {size.Bytes:N0} bytes (header and entries), snapshots.db {new FileInfo(snapshotsPath).Length:N0} bytes");

            var measured = new List<(double ReplayMs, double SnapshotMs, double StoreReadMs, ItemLoad Load)>();
            Console.WriteLine("| run | whole replay ms | from snapshot ms | of which store read ms | events folded after it | replay / snapshot |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            for (var run = 1; run <= runs; run++)
            {
                var (replay, _, _) = await RunWriterAsync(eventsPath, null, options, extraOrders: 0);
                var storeRead = await TimeStoreReadAsync(snapshotsPath);
                var (loaded, load, _) = await RunWriterAsync(eventsPath, snapshotsPath, options, extraOrders: 0);
                if (load.WhyNoSnapshot is { } why) Console.WriteLine($"run {run}: snapshot NOT USED: {why}");
                measured.Add((replay.TotalMilliseconds, loaded.TotalMilliseconds, storeRead.TotalMilliseconds, load));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {run} | {replay.TotalMilliseconds:F0} | {loaded.TotalMilliseconds:F0} | {storeRead.TotalMilliseconds:F0} | {load.EventsFolded} | " +
                    $"{replay.TotalMilliseconds / loaded.TotalMilliseconds:F1} |"));
            }
            var sameAnswers = await SameRepeatAnswerAsync(eventsPath, snapshotsPath, options);
            Console.WriteLine($"a repeat of the first order answers the same with and without the snapshot: {sameAnswers}");
            var (replayMedian, snapshotMedian) = (Median(measured.Select(m => m.ReplayMs)), Median(measured.Select(m => m.SnapshotMs)));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                restart = new
                {
                    events,
                    snapshotEvery,
                    runs,
                    replayMs = measured.Select(m => Math.Round(m.ReplayMs)).ToArray(),
                    snapshotMs = measured.Select(m => Math.Round(m.SnapshotMs)).ToArray(),
                    storeReadMs = measured.Select(m => Math.Round(m.StoreReadMs)).ToArray(),
                    medianReplayMs = Math.Round(replayMedian),
                    medianSnapshotMs = Math.Round(snapshotMedian),
                    speedup = Math.Round(replayMedian / snapshotMedian, 1),
                    snapshotRevision = measured[^1].Load.SnapshotRevision,
                    foldedAfterSnapshot = measured[^1].Load.EventsFolded,
                    snapshotEntries = size.Entries,
                    snapshotBytes = size.Bytes,
                    snapshotsDbBytes = new FileInfo(snapshotsPath).Length,
                    sameAnswers,
                },
            }));
            return sameAnswers && measured.All(m => m.Load.WhyNoSnapshot is null) ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A restarted process: its stores opened afresh, one new order timed from sending to its durable answer.</summary>
    private static async Task<(TimeSpan First, ItemLoad Load, TimeSpan After)> RunWriterAsync(string eventsPath, string? snapshotsPath,
        CommandPathOptions options, int extraOrders)
    {
        await using var store = await SqliteEventStore.OpenAsync(eventsPath);
        await using var snapshots = snapshotsPath is null ? null : await SqliteSnapshotStore.OpenAsync(snapshotsPath);
        var writer = new ItemWriter(ItemId, store, options, NullLogger.Instance, snapshots: snapshots);
        var watch = Stopwatch.StartNew();
        await writer.ExecuteAsync(Order($"first-{Guid.NewGuid():N}"), Context);
        var first = watch.Elapsed;
        watch.Restart();
        for (var sent = 0; sent < extraOrders; sent += 50)
            await Task.WhenAll(Enumerable.Range(sent, 50).Select(i => writer.ExecuteAsync(Order($"extra-{i}"), Context)));
        await writer.DisposeAsync();
        return (first, writer.LastLoad!, watch.Elapsed);
    }

    /// <summary>The snapshot store's part of a load: reading the header and every entry, nothing decoded.</summary>
    private static async Task<TimeSpan> TimeStoreReadAsync(string snapshotsPath)
    {
        await using var snapshots = await SqliteSnapshotStore.OpenAsync(snapshotsPath);
        var watch = Stopwatch.StartNew();
        _ = await snapshots.ReadAsync(ItemStreams.For(ItemId));
        return watch.Elapsed;
    }

    private static async Task<(int Entries, long Bytes)> SnapshotSizeAsync(string snapshotsPath)
    {
        await using var snapshots = await SqliteSnapshotStore.OpenAsync(snapshotsPath);
        var stored = await snapshots.ReadAsync(ItemStreams.For(ItemId)) ?? throw new InvalidOperationException("No snapshot was written.");
        return (stored.Entries.Count, stored.Header.Length + stored.Entries.Sum(e => (long)e.Data.Length + e.Key.Length));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<bool> SameRepeatAnswerAsync(string eventsPath, string snapshotsPath, CommandPathOptions options)
    {
        var answers = new List<string>();
        foreach (var path in new[] { null, snapshotsPath })
        {
            await using var store = await SqliteEventStore.OpenAsync(eventsPath);
            await using var snapshots = path is null ? null : await SqliteSnapshotStore.OpenAsync(path);
            await using var writer = new ItemWriter(ItemId, store, options, NullLogger.Instance, snapshots: snapshots);
            var outcome = await writer.ExecuteAsync(new PlaceOrder(ItemId, "o-1", "u-1", 1, DateTimeOffset.UtcNow), Context);
            var restock = await writer.ExecuteAsync(new RestockItem(ItemId, 10, "bench", DateTimeOffset.UtcNow, "op-1"), Context);
            answers.Add($"{outcome.Events.Count} {outcome.Order} {outcome.OrderOf("o-1")} {restock.Events.Count} {restock.Restock}");
        }
        return answers[0] == answers[1];
    }

    private static PlaceOrder Order(string id) => new(ItemId, id, "buyer-" + id, 1, DateTimeOffset.UtcNow);

    private static async Task GenerateAsync(string path, int events)
    {
        await using var store = await SqliteEventStore.OpenAsync(path);
        var stream = ItemStreams.For(ItemId);
        var now = DateTimeOffset.UtcNow;
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("bench", "bench", "bench", now));
        var revision = 0L;
        var batch = new List<EventData> { ItemEventSerializer.ToEventData(new SaleItemListed(ItemId, "Long sale", 100_000_000, int.MaxValue, null, null,
            86_400, now), 0, metadata) };
        for (var order = 1; revision + batch.Count < events; order++)
        {
            batch.Add(ItemEventSerializer.ToEventData(new OrderPlaced(ItemId, $"o-{order}", $"u-{order}", 1, now), revision + batch.Count, metadata));
            batch.Add(ItemEventSerializer.ToEventData(new StockReserved(ItemId, $"o-{order}", $"u-{order}", 1, now.AddDays(1)), revision + batch.Count, metadata));
            if (order % 500 == 0)
                batch.Add(ItemEventSerializer.ToEventData(new ItemRestocked(ItemId, 10, "bench", now, $"op-{order / 500}"), revision + batch.Count, metadata));
            if (batch.Count < 5_000 && revision + batch.Count < events) continue;
            await store.AppendAsync(stream, ExpectedRevision.After(revision - 1), batch);
            revision += batch.Count;
            batch.Clear();
        }
        if (batch.Count > 0) await store.AppendAsync(stream, ExpectedRevision.After(revision - 1), batch);
    }
}

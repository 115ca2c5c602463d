using System.Diagnostics;
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
/// loading the item's snapshot, in one run on one SQLite log. The log is generated (one listing, then placed and reserved
/// orders of distinct buyers), the snapshot written by a writer that replayed it once and then took orders.
/// </summary>
internal static class RestartBenchmark
{
    private const string ItemId = "long";
    private static readonly CommandContext Context = new("bench", "bench", "bench");

    public static async Task<int> RunAsync(int events, int snapshotEvery)
    {
        var root = Path.Combine(Path.GetTempPath(), "flashsale-bench-restart-" + Guid.NewGuid().ToString("N"));
        var (eventsPath, snapshotsPath) = (Path.Combine(root, "events.db"), Path.Combine(root, "snapshots.db"));
        var options = new CommandPathOptions { SnapshotEvery = snapshotEvery };
        Console.WriteLine($"restart: {events} events, snapshot every {snapshotEvery}, data={root}");
        try
        {
            var generated = Stopwatch.StartNew();
            await GenerateAsync(eventsPath, events);
            Console.WriteLine($"generated {events} events in {generated.Elapsed.TotalSeconds:F1} s");

            // A writer that replays the stream once, writes the whole snapshot, then takes orders (incremental snapshots).
            var (first, firstLoad, snapshotting) = await RunWriterAsync(eventsPath, snapshotsPath, options, extraOrders: 3 * snapshotEvery);
            Console.WriteLine($"first command, snapshots on but none yet: {first.TotalMilliseconds:F0} ms ({firstLoad.EventsFolded} events folded); " +
                $"then {3 * snapshotEvery} orders and shutdown in {snapshotting.TotalSeconds:F1} s");

            var (replay, replayLoad, _) = await RunWriterAsync(eventsPath, null, options, extraOrders: 0);
            var (loaded, snapshotLoad, _) = await RunWriterAsync(eventsPath, snapshotsPath, options, extraOrders: 0);
            Console.WriteLine($"first command after restart, whole replay: {replay.TotalMilliseconds:F0} ms ({replayLoad.EventsFolded} events folded)");
            Console.WriteLine($"first command after restart, from snapshot at revision {snapshotLoad.SnapshotRevision}: " +
                $"{loaded.TotalMilliseconds:F0} ms ({snapshotLoad.EventsFolded} events folded{(snapshotLoad.WhyNoSnapshot is { } why ? "; NOT USED: " + why : "")})");
            var sameAnswers = await SameRepeatAnswerAsync(eventsPath, snapshotsPath, options);
            Console.WriteLine($"a repeat of the first order answers the same with and without the snapshot: {sameAnswers}");
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                restart = new
                {
                    events,
                    snapshotEvery,
                    replayMs = Math.Round(replay.TotalMilliseconds),
                    snapshotMs = Math.Round(loaded.TotalMilliseconds),
                    speedup = Math.Round(replay.TotalMilliseconds / loaded.TotalMilliseconds, 1),
                    snapshotRevision = snapshotLoad.SnapshotRevision,
                    foldedAfterSnapshot = snapshotLoad.EventsFolded,
                    snapshotsMb = Math.Round(new FileInfo(snapshotsPath).Length / 1e6, 1),
                    sameAnswers,
                },
            }));
            return sameAnswers && snapshotLoad.WhyNoSnapshot is null ? 0 : 1;
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

    private static async Task<bool> SameRepeatAnswerAsync(string eventsPath, string snapshotsPath, CommandPathOptions options)
    {
        var answers = new List<string>();
        foreach (var path in new[] { null, snapshotsPath })
        {
            await using var store = await SqliteEventStore.OpenAsync(eventsPath);
            await using var snapshots = path is null ? null : await SqliteSnapshotStore.OpenAsync(path);
            await using var writer = new ItemWriter(ItemId, store, options, NullLogger.Instance, snapshots: snapshots);
            var outcome = await writer.ExecuteAsync(new PlaceOrder(ItemId, "o-1", "u-1", 1, DateTimeOffset.UtcNow), Context);
            answers.Add($"{outcome.Events.Count} {outcome.Order} {outcome.OrderOf("o-1")}");
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
        var batch = new List<EventData> { ItemEventSerializer.ToEventData(new SaleItemListed(ItemId, "Long sale", int.MaxValue, int.MaxValue, null, null,
            86_400, now), 0, metadata) };
        for (var order = 1; revision + batch.Count < events; order++)
        {
            batch.Add(ItemEventSerializer.ToEventData(new OrderPlaced(ItemId, $"o-{order}", $"u-{order}", 1, now), revision + batch.Count, metadata));
            batch.Add(ItemEventSerializer.ToEventData(new StockReserved(ItemId, $"o-{order}", $"u-{order}", 1, now.AddDays(1)), revision + batch.Count, metadata));
            if (batch.Count < 5_000 && revision + batch.Count < events) continue;
            await store.AppendAsync(stream, ExpectedRevision.After(revision - 1), batch);
            revision += batch.Count;
            batch.Clear();
        }
        if (batch.Count > 0) await store.AppendAsync(stream, ExpectedRevision.After(revision - 1), batch);
    }
}

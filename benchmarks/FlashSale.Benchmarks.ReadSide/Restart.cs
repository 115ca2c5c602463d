using System.Diagnostics;
using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.Benchmarks.ReadSide;

/// <summary>A projector restarted on a filled read store (<c>--restart</c>): the live tables hold the first 80% of the log,
/// then every projection's live writer resumes and applies the rest in live-sized batches, once with the keys of its table
/// read at the start (ADR 0035) and once without (a copy of the same file): seed time, apply time and the rows it asked for.</summary>
internal static class Restart
{
    public static async Task RunAsync(IEventStore log, string root, int liveBatch)
    {
        var projections = AllProjections.Create();
        var all = await log.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter).ToListAsync();
        var split = all.Count * 4 / 5;
        var seeded = Path.Combine(root, $"restart-{Guid.NewGuid():N}.db");
        try
        {
            await using (var filling = SqliteReadModelStore.Open(seeded))
            {
                await filling.InitializeAsync(projections);
                foreach (var projection in projections)
                {
                    var writer = (await ProjectionWriter.ResumeLiveAsync(projection, filling, TimeProvider.System, CancellationToken.None))!;
                    foreach (var batch in all.Take(split).Chunk(5_000)) await writer.ApplyAsync(batch, CancellationToken.None);
                }
            }
            long rows = 0;
            await using (var counted = SqliteReadModelStore.Open(seeded))
                foreach (var projection in projections) rows += await counted.CountRowsAsync(projection, []);
            Console.WriteLine($"restart: {split:N0} events in the tables ({rows:N0} rows), {all.Count - split:N0} to apply in batches of {liveBatch}");
            // Decoded once for every run and projection, as the live followers share their decodes (ADR 0026): what is timed is
            // the writers and the store.
            var live = all.Skip(split).Chunk(liveBatch).Select(batch => DecodedEvent.DecodeAll(batch)).ToList();
            // Alternating, each on its own copy of the filled file: the first run also pays for the JIT.
            var runs = Enumerable.Repeat(new[] { ("keys read", ProjectionWriter.SeedLimit), ("no keys", 0) }, 3).SelectMany(pair => pair).ToArray();
            for (var run = 0; run < runs.Length; run++)
            {
                var (label, limit) = runs[run];
                var path = seeded.Replace(".db", $"-{run}.db", StringComparison.Ordinal);
                File.Copy(seeded, path);
                await using var store = SqliteReadModelStore.Open(path);
                var (counting, loads) = CountingLoads.Over(store);
                var (seedSeconds, applySeconds, cpu) = (0.0, 0.0, TimeSpan.Zero);
                foreach (var projection in projections)
                {
                    var (watch, started) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
                    var writer = (await ProjectionWriter.ResumeLiveAsync(projection, counting, TimeProvider.System, CancellationToken.None,
                        seedLimit: limit))!;
                    seedSeconds += watch.Elapsed.TotalSeconds;
                    watch.Restart();
                    foreach (var batch in live) await writer.ApplyAsync(batch, CancellationToken.None);
                    applySeconds += watch.Elapsed.TotalSeconds;
                    cpu += Process.GetCurrentProcess().TotalProcessorTime - started;
                }
                Console.WriteLine($"{label,-10} start (keys) {seedSeconds,6:F2} s  apply {applySeconds,6:F2} s  CPU {cpu.TotalSeconds,6:F2} s  " +
                    $"rows asked for {loads.KeysAsked,9:N0}  of which missing {loads.KeysWithoutRow,9:N0}");
            }
        }
        finally
        {
            foreach (var file in Directory.GetFiles(root, Path.GetFileNameWithoutExtension(seeded) + "*")) File.Delete(file);
        }
    }
}

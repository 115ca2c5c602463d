using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FlashSale.Benchmarks.ReadSide;
using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.ReadModels;
using FlashSale.ReadModels.PostgreSql;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;
using FlashSale.Testing.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;

// Rebuild benchmark: a generated sale of --events events in a SQLite event log, then every projection rebuilt
// (shadow replay + swap) into the chosen read store, timed one after the other. --restart: a live projector restarted on a
// filled SQLite read store instead (Restart.cs).
var events = LongArg("--events", 1_000_000);
var store = StringArg("--store", "sqlite");
var batch = (int)LongArg("--batch", new ReadModelOptions().RebuildBatchSize);
var root = StringArg("--data", Path.Combine(Path.GetTempPath(), "flashsale-bench-readside"));
Directory.CreateDirectory(root);
Console.WriteLine($"events={events:N0} store={store} batch={batch} cores={Environment.ProcessorCount} data={root}");

var logPath = Path.Combine(root, $"events-{events}.db");
await using var log = await SqliteEventStore.OpenAsync(logPath);
await GeneratedLog.EnsureAsync(log, events);
if (args.Contains("--restart"))
{
    await Restart.RunAsync(log, root, (int)LongArg("--live-batch", 100));
    return;
}

LocalPostgres? postgres = null;
var readModelsPath = Path.Combine(root, $"read-models-{Guid.NewGuid():N}.db");
IReadModelStore readModels = store switch
{
    "sqlite" => SqliteReadModelStore.Open(readModelsPath),
    "postgres" => new PostgreSqlReadModelStore(StringArg("--postgres", Environment.GetEnvironmentVariable("FLASHSALE_BENCH_POSTGRES") ?? "") is { Length: > 0 } given
        ? given
        : (postgres = await LocalPostgres.StartAsync()).ConnectionString),
    _ => throw new ArgumentException($"--store is sqlite or postgres, not '{store}'."),
};
try
{
    var only = StringArg("--projection", "");
    var projections = AllProjections.Create().Where(p => only.Length == 0 || p.Name == only).ToList();
    if (args.Contains("--breakdown")) await Breakdown.PrintAsync(log, projections, batch);
    await readModels.InitializeAsync(projections);
    var rebuilder = new ProjectionRebuilder(log, readModels, new ReadModelOptions { RebuildBatchSize = batch }, TimeProvider.System,
        NullLogger<ProjectionRebuilder>.Instance);
    var results = new List<(string Projection, long Events, double Seconds, double CpuSeconds)>();
    foreach (var projection in projections)
    {
        var (watch, cpu) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
        var done = await rebuilder.RebuildAsync(projection);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        results.Add((projection.Name, done.EventsDone, watch.Elapsed.TotalSeconds, cpuSeconds));
        Console.WriteLine($"{projection.Name,-14} {done.EventsDone,10:N0} events {watch.Elapsed.TotalSeconds,7:F1} s {done.EventsDone / watch.Elapsed.TotalSeconds,10:N0} events/s" +
            $"   (CPU {cpuSeconds:F1} s: {done.EventsDone / cpuSeconds:N0} events per CPU-second)");
    }
    var total = (Events: results.Sum(r => r.Events), Seconds: results.Sum(r => r.Seconds));
    // On a shared box wall time depends on the neighbours; CPU time says what the rebuild itself costs.
    Console.WriteLine($"load average: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
    Console.WriteLine($"{"total",-14} {total.Events,10:N0} events {total.Seconds,7:F1} s {total.Events / total.Seconds,10:N0} events/s (each projection replays the whole log)");
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        store, events, batch,
        projections = results.Select(r => new { r.Projection, r.Events, seconds = Math.Round(r.Seconds, 2), eventsPerSecond = Math.Round(r.Events / r.Seconds),
            cpuSeconds = Math.Round(r.CpuSeconds, 2) }),
    }));
}
finally
{
    await readModels.DisposeAsync();
    if (postgres is not null) await postgres.DisposeAsync();
    foreach (var file in Directory.GetFiles(root, Path.GetFileName(readModelsPath) + "*")) File.Delete(file); // the log is kept, not the read models
}

long LongArg(string name, long fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string StringArg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FlashSale.Benchmarks.ReadSide;
using FlashSale.Benchmarks.Recovery;
using FlashSale.Cli;
using FlashSale.Cli.Output;
using FlashSale.EventStore.Sqlite;

// Recovery benchmark: a generated sale of --events events in a data directory's events.db (made once, kept), then
// the real CLI commands in this process: `backup` (the RPO side: how long a consistent copy takes) and `restore`
// into a fresh directory (the RTO: checksum, copy, rebuild of every read model, audit verify), timed one after the other.
// With --time-to-ready: the real API restarted on a copy of that log, with and without checkpoints (TimeToReady).
var events = LongArg("--events", 1_000_000);
var root = StringArg("--data", Path.Combine(Path.GetTempPath(), "flashsale-bench-recovery"));
var source = Path.Combine(root, $"source-{events}");
var backupFile = Path.Combine(root, "backup", "events.db");
var restored = Path.Combine(root, "restored");
Console.WriteLine($"events={events:N0} cores={Environment.ProcessorCount} data={root}");

await using (var log = await SqliteEventStore.OpenAsync(Path.Combine(source, "events.db")))
    await GeneratedLog.EnsureAsync(log, events);
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
if (args.Contains("--time-to-ready"))
{
    var starts = await TimeToReady.RunAsync(source, Path.Combine(root, $"ready-{events}"), (int)LongArg("--runs", 1));
    Console.WriteLine($"{"start",-22} {"live s",8} {"ready s",8}");
    foreach (var start in starts) Console.WriteLine($"{start.Name,-22} {start.LiveSeconds,8:F1} {start.ReadySeconds,8:F1}");
    Console.WriteLine($"load average: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        events, timeToReady = starts.Select(s => new { start = s.Name, liveSeconds = Math.Round(s.LiveSeconds, 2), readySeconds = Math.Round(s.ReadySeconds, 2) }),
    }));
    return 0;
}
if (Directory.Exists(restored)) Directory.Delete(restored, recursive: true);

var (backup, backupSeconds) = await TimedAsync("backup", backupFile, "--data-dir", source, "--force", "--json");
var (restore, restoreSeconds) = await TimedAsync("restore", backupFile, "--data-dir", restored, "--json");
var rebuilds = restore.GetProperty("projections").EnumerateArray()
    .Select(p => (Name: p.GetProperty("projection").GetString()!, Seconds: TimeSpan.Parse(p.GetProperty("elapsed").GetString()!, CultureInfo.InvariantCulture).TotalSeconds))
    .ToList();
var manifest = backup.GetProperty("backup");
var sizeMb = manifest.GetProperty("sizeBytes").GetInt64() / 1024.0 / 1024.0;

Console.WriteLine($"backup   {manifest.GetProperty("eventCount").GetInt64(),10:N0} events {sizeMb,8:F1} MB {backupSeconds,7:F1} s (copy, count, quick_check, SHA-256)");
Console.WriteLine($"restore  {restoreSeconds,7:F1} s in all: checksum + copy + rebuild + audit verify (clean: {restore.GetProperty("verify").GetProperty("clean").GetBoolean()})");
foreach (var (name, seconds) in rebuilds) Console.WriteLine($"  rebuild {name,-14} {seconds,7:F1} s");
Console.WriteLine($"  other (checksum, copy, verify) {restoreSeconds - rebuilds.Sum(r => r.Seconds),7:F1} s");
Console.WriteLine($"load average: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
Console.WriteLine(JsonSerializer.Serialize(new
{
    events = manifest.GetProperty("eventCount").GetInt64(), sizeMb = Math.Round(sizeMb, 1), backupSeconds = Math.Round(backupSeconds, 2), restoreSeconds = Math.Round(restoreSeconds, 2),
    rebuilds = rebuilds.ToDictionary(r => r.Name, r => Math.Round(r.Seconds, 2)),
}));
return 0;

async Task<(JsonElement Document, double Seconds)> TimedAsync(params string[] command)
{
    using var output = new StringWriter();
    using var error = new StringWriter();
    var watch = Stopwatch.StartNew();
    var exitCode = await CliApp.RunAsync(command, CliConsole.Capture(output, error, terminal: false));
    var seconds = watch.Elapsed.TotalSeconds;
    if (exitCode != 0) throw new InvalidOperationException($"flashsale {string.Join(' ', command)} exited {exitCode}: {error}");
    return (JsonDocument.Parse(output.ToString()).RootElement.Clone(), seconds);
}

long LongArg(string name, long fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string StringArg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

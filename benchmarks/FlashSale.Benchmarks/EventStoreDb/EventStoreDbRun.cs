using System.Diagnostics;
using FlashSale.EventStore;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.Benchmarks.EventStoreDb;

/// <summary>
/// The eventstoredb store of the write benchmark: one connection for the whole run, to the server of
/// <c>--connection</c> or, without one, to the loopback double (its figures say so: the double is an in-memory log, not
/// a server), started in this process or, with <c>--double-process</c>, in a process of its own as a server would be
/// (its CPU and its collector then are not this process's). Each path gets streams of its own; after the paths, the raw
/// appends.
/// </summary>
internal sealed class EventStoreDbRun : IAsyncDisposable
{
    private readonly EventStoreDbDouble? _double;
    private readonly Process? _doubleProcess;
    private readonly EventStoreDbEventStore _store;
    private readonly Dictionary<string, RunScopedEventStore> _paths = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private EventStoreDbRun(EventStoreDbDouble? @double, Process? doubleProcess, string connection)
    {
        (_double, _doubleProcess) = (@double, doubleProcess);
        _store = EventStoreDbEventStore.Connect(connection);
    }

    public string Target => _double is not null ? "double, not a server (in-process loopback double)"
        : _doubleProcess is not null ? "double, not a server (loopback double in a process of its own)"
        : $"server {_store.Settings}";

    private bool OnDouble => _double is not null || _doubleProcess is not null;

    public static async Task<EventStoreDbRun> StartAsync(string connection, bool doubleProcess)
    {
        if (connection.Length > 0) return new EventStoreDbRun(null, null, connection);
        if (doubleProcess)
        {
            var (process, connectionString) = await StartDoubleProcessAsync();
            return new EventStoreDbRun(null, process, connectionString);
        }
        // Like every server with the gRPC API: each event of an append commits itself.
        var @double = await EventStoreDbDouble.StartAsync();
        return new EventStoreDbRun(@double, null, @double.ConnectionString);
    }

    /// <summary>The <c>--serve-double</c> mode: the double until standard input closes; its connection string first.</summary>
    public static async Task<int> ServeDoubleAsync()
    {
        await using var @double = await EventStoreDbDouble.StartAsync();
        Console.WriteLine(@double.ConnectionString);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task<(Process, string)> StartDoubleProcessAsync()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Started as `dotnet FlashSale.Benchmarks.dll`: the same again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(EventStoreDbRun).Assembly.Location);
        start.ArgumentList.Add("--serve-double");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The double's process did not start.");
        var connectionString = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("The double's process ended before naming its address.");
        return (process, connectionString);
    }

    public IEventStore Open(string path) => _paths[path] = new RunScopedEventStore(_store, $"-{path.Replace('+', '-')}-{_run}");

    /// <summary>Raw appends in batches of the size and bytes that <paramref name="groupPath"/>'s appends had, over Append
    /// (one message per event) and over BatchAppend (one request per append, as the adapter appends).</summary>
    public async Task<(RawResult Append, RawResult Batch)> RawAsync(string groupPath, int warmupSeconds, int seconds)
    {
        var group = _paths[groupPath];
        var results = new List<RawResult>();
        foreach (var batch in new[] { false, true })
        {
            using var raw = new RawEventStoreDbAppendPath(_store.Settings, Math.Max(1, (int)Math.Round(group.EventsPerAppend)),
                group.DataBytesPerEvent, group.MetadataBytesPerEvent, batch);
            var result = await raw.RunAsync(TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"rawEventStoreDb{(batch ? "BatchAppend" : "Append")}: {result.AppendsPerSec:F0} appends/s of {result.EventsPerAppend} events -> {result.EventsPerSec:F0} events/s; " +
                result.Gc.Describe(result.EventsPerSec * result.Seconds, result.Seconds));
            results.Add(result);
        }
        return (results[0], results[1]);
    }

    /// <summary>Prints the comparison and returns the figures for the JSON line.</summary>
    public object Report(string groupPath, double groupOrdersPerSec, (RawResult Append, RawResult Batch) raws)
    {
        var (raw, batch) = raws;
        var group = _paths[groupPath];
        var groupEventsPerSec = groupOrdersPerSec * group.EventsPerOrder;
        var ratio = groupEventsPerSec / raw.EventsPerSec;
        Console.WriteLine($"eventstoredb target: {Target}");
        Console.WriteLine($"group commit: {groupEventsPerSec:F0} events/s ({group.EventsPerAppend:F1} events per append, {group.EventsPerOrder:F1} per order); " +
            $"raw appends of {raw.EventsPerAppend} events: {raw.EventsPerSec:F0} events/s over Append (p50 {raw.P50Ms:F2} ms, p99 {raw.P99Ms:F2} ms per append), " +
            $"{batch.EventsPerSec:F0} events/s over BatchAppend (p50 {batch.P50Ms:F2} ms, p99 {batch.P99Ms:F2} ms)");
        Console.WriteLine($"one append as the writer waits for it (adapter call + read-back): {group.AppendMs:F2} ms mean; {1000.0 / Math.Max(1, groupEventsPerSec / group.EventsPerAppend):F2} ms per append cycle");
        Console.WriteLine($"ratio (group commit / raw EventStoreDB appends over Append): {ratio:F2}x; over BatchAppend: {groupEventsPerSec / batch.EventsPerSec:F2}x");
        return new
        {
            target = !OnDouble ? "server" : _doubleProcess is null ? "double" : "double-process",
            eventsPerAppend = Math.Round(group.EventsPerAppend, 1),
            groupCommitEventsPerSec = Math.Round(groupEventsPerSec),
            rawAppendsPerSec = Math.Round(raw.AppendsPerSec),
            rawEventsPerSec = Math.Round(raw.EventsPerSec),
            rawP50Ms = Math.Round(raw.P50Ms, 3),
            rawP99Ms = Math.Round(raw.P99Ms, 3),
            groupCommitAppendMs = Math.Round(group.AppendMs, 3),
            groupCommitRatio = Math.Round(ratio, 2),
            rawBatchEventsPerSec = Math.Round(batch.EventsPerSec),
            rawBatchP50Ms = Math.Round(batch.P50Ms, 3),
            groupCommitRatioToBatch = Math.Round(groupEventsPerSec / batch.EventsPerSec, 2),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        if (_double is not null) await _double.DisposeAsync();
        if (_doubleProcess is null) return;
        _doubleProcess.StandardInput.Close();
        if (!_doubleProcess.WaitForExit(TimeSpan.FromSeconds(10))) _doubleProcess.Kill();
        _doubleProcess.Dispose();
    }
}

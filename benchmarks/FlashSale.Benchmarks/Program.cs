using FlashSale.Contracts;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FlashSale.Application.CommandPath;
using FlashSale.Benchmarks;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Sqlite;
using FlashSale.Testing.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;

// In-process write-side benchmark: one hot item, ample stock, N concurrent callers, SQLite with durable commits.
// Group commit and the one-append-per-order baseline run in the same process, one after the other (on Marten, then
// raw Marten appends too).
// --restart: the first command on an item with a long stream after a restart, with and without its snapshot (own run).
if (args.Contains("--serve-double")) return await FlashSale.Benchmarks.EventStoreDb.EventStoreDbRun.ServeDoubleAsync();
// --allocations: what the group-commit writer allocates per order, on a store that keeps nothing (AllocationRun.cs).
if (args.Contains("--allocations"))
    return await AllocationRun.RunAsync(IntArg("--orders", 200_000), IntArg("--callers", 256), !args.Contains("--last-position"));
if (args.Contains("--restart"))
    return await RestartBenchmark.RunAsync(IntArg("--events", 1_000_000), IntArg("--snapshot-every", 1_000), IntArg("--runs", 3));
var callers = IntArg("--callers", 256);
var seconds = IntArg("--seconds", 10);
var warmupSeconds = IntArg("--warmup", 2);
var withProjections = args.Contains("--projections");
// --metrics: the group-commit path again with the API's metrics on (same process, right after), to price them.
var withMetrics = args.Contains("--metrics");
var projectionBatch = IntArg("--projection-batch", new FlashSale.ReadModels.ReadModelOptions().BatchSize);
var stock = 100_000_000;
// --store sqlite (default) | marten: the PostgreSQL event store (a fresh schema per path), on --postgres or
// FLASHSALE_BENCH_POSTGRES, else on a throwaway server started like the tests' (initdb/pg_ctl, fsync off).
// eventstoredb: on --connection esdb://... or FLASHSALE_BENCH_ESDB, else on the in-process loopback double (not a server;
// --double-process: the double in a process of its own, as a server's CPU and memory would be);
// then raw gRPC appends of the group commit's batch size, over Append and over BatchAppend (EventStoreDb/RawEventStoreDbAppendPath.cs).
var storeKind = StringArg("--store", "sqlite");
var postgres = StringArg("--postgres", Environment.GetEnvironmentVariable("FLASHSALE_BENCH_POSTGRES") ?? "");
if (storeKind is not ("sqlite" or "marten" or "eventstoredb"))
{
    Console.Error.WriteLine("--store is sqlite, marten or eventstoredb; marten runs on --postgres <Npgsql connection string>, FLASHSALE_BENCH_POSTGRES or a throwaway server; " +
        "eventstoredb on --connection <esdb:// connection string>, FLASHSALE_BENCH_ESDB or the in-process double.");
    return 2;
}
await using var throwaway = storeKind == "marten" && postgres.Length == 0 ? await LocalPostgres.StartAsync() : null;
if (throwaway is not null) postgres = throwaway.ConnectionString;
await using var esdb = storeKind == "eventstoredb"
    ? await FlashSale.Benchmarks.EventStoreDb.EventStoreDbRun.StartAsync(StringArg("--connection", Environment.GetEnvironmentVariable("FLASHSALE_BENCH_ESDB") ?? ""),
        args.Contains("--double-process"))
    : null;
if (esdb is not null) Console.WriteLine($"eventstoredb: {esdb.Target}");

var root = Path.Combine(Path.GetTempPath(), "flashsale-bench-" + Guid.NewGuid().ToString("N"));
Console.WriteLine($"store={storeKind} callers={callers} measure={seconds}s warmup={warmupSeconds}s cores={Environment.ProcessorCount} data={root}");
try
{
    var group = await RunAsync("groupCommit", async store => new GroupCommitPath(
        new ItemWriter("hot", store, new CommandPathOptions(), NullLogger.Instance)));
    // Same load with the three live projections following the log in the same process: their lag, and what they cost.
    var projected = withProjections
        ? await RunAsync("groupCommit+projections", async store => new GroupCommitPath(
            new ItemWriter("hot", store, new CommandPathOptions(), NullLogger.Instance)), projections: true)
        : null;
    var metered = withMetrics
        ? await RunAsync("groupCommit+metrics", async store =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            var appends = new FlashSale.Api.Metrics.WritePathMetrics(registry);
            return new MeteredGroupCommitPath(new ItemWriter("hot", new MeteredEventStore(store, appends), new CommandPathOptions(), NullLogger.Instance),
                new FlashSale.Api.Metrics.OrderMetrics(registry));
        })
        : null;
    // --no-baseline: skip the one-append-per-order path (its 256 conflicting callers say nothing about the store's ceiling).
    var baseline = args.Contains("--no-baseline") ? null : await RunAsync("baseline", async store =>
    {
        var path = new OptimisticAppendPath(store, "hot");
        await path.LoadAsync();
        return path;
    });
    // Marten alone: one append per order through Marten's API, no append lock (what the lock adds is baseline vs this).
    var raw = storeKind == "marten"
        ? await RunAsync("rawMarten", async store =>
        {
            var path = new RawMartenAppendPath(((MartenEventStore)store).Settings, "hot");
            await path.LoadAsync();
            return path;
        })
        : null;
    (FlashSale.Benchmarks.EventStoreDb.RawResult Append, FlashSale.Benchmarks.EventStoreDb.RawResult Batch)? rawEsdb =
        esdb is null ? null : await esdb.RawAsync("groupCommit", warmupSeconds, seconds);

    Console.WriteLine();
    Console.WriteLine($"| path                    | orders/s | p50 ms | p99 ms | appends | conflicts | oversold |");
    Console.WriteLine($"|-------------------------|---------:|-------:|-------:|--------:|----------:|---------:|");
    foreach (var r in new[] { group, projected, metered, baseline, raw }.OfType<Result>())
        Console.WriteLine($"| {r.Name,-23} | {r.OrdersPerSec,8:F0} | {r.P50Ms,6:F2} | {r.P99Ms,6:F2} | {r.Appends,7} | {r.Conflicts,9} | {r.Oversold,8} |");
    foreach (var r in new[] { group, projected, metered, baseline, raw }.OfType<Result>())
        Console.WriteLine($"{r.Name}: {r.Gc.Describe(r.OrdersPerSec * seconds * 2, seconds)} (2 events per order); {r.Cpu.Describe(r.Orders(seconds), seconds)}");
    var ratio = baseline is null ? double.NaN : group.OrdersPerSec / baseline.OrdersPerSec;
    if (baseline is not null) Console.WriteLine($"ratio (group commit / baseline): {ratio:F1}x");
    if (raw is not null && baseline is not null)
        Console.WriteLine($"ratio (group commit / raw Marten): {group.OrdersPerSec / raw.OrdersPerSec:F1}x; " +
            $"raw Marten / baseline (the append lock and revision checks): {raw.OrdersPerSec / baseline.OrdersPerSec:F2}x");
    var esdbFigures = rawEsdb is not { } raws ? null : esdb!.Report("groupCommit", group.OrdersPerSec, raws);
    if (projected?.Lag is { } lag)
        Console.WriteLine($"projections live: lag p50 {lag.P50} events, p99 {lag.P99}, max {lag.Max}; caught up {lag.CatchUp.TotalMilliseconds:F0} ms after the load stopped; " +
            $"throughput with projections / without: {projected.OrdersPerSec / group.OrdersPerSec:F2}");
    if (metered is not null)
        Console.WriteLine($"throughput with metrics / without: {metered.OrdersPerSec / group.OrdersPerSec:F2}; p99 {metered.P99Ms:F2} ms vs {group.P99Ms:F2} ms");
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        groupCommit = new { ordersPerSec = Math.Round(group.OrdersPerSec), p50Ms = Math.Round(group.P50Ms, 3), p99Ms = Math.Round(group.P99Ms, 3),
            cpuUsPerOrder = Math.Round(group.Cpu.MicrosecondsPer(group.Orders(seconds)), 1), cores = Math.Round(group.Cpu.Cores(seconds), 2) },
        baseline = baseline is null ? null : new { ordersPerSec = Math.Round(baseline.OrdersPerSec), p50Ms = Math.Round(baseline.P50Ms, 3), p99Ms = Math.Round(baseline.P99Ms, 3) },
        ratio = baseline is null ? (double?)null : Math.Round(ratio, 2),
        rawMarten = raw is null ? null : new
        {
            ordersPerSec = Math.Round(raw.OrdersPerSec), p50Ms = Math.Round(raw.P50Ms, 3), p99Ms = Math.Round(raw.P99Ms, 3),
            groupCommitRatio = Math.Round(group.OrdersPerSec / raw.OrdersPerSec, 2),
            overBaseline = baseline is null ? (double?)null : Math.Round(raw.OrdersPerSec / baseline.OrdersPerSec, 2),
        },
        eventStoreDb = esdbFigures,
        metrics = metered is null ? null : new { ordersPerSec = Math.Round(metered.OrdersPerSec), p99Ms = Math.Round(metered.P99Ms, 3),
            versusOff = Math.Round(metered.OrdersPerSec / group.OrdersPerSec, 3) },
        projections = projected?.Lag is { } l
            ? new { ordersPerSec = Math.Round(projected.OrdersPerSec), lagP50 = l.P50, lagP99 = l.P99, lagMax = l.Max, catchUpMs = Math.Round(l.CatchUp.TotalMilliseconds),
                cpuUsPerOrder = Math.Round(projected.Cpu.MicrosecondsPer(projected.Orders(seconds)), 1), cores = Math.Round(projected.Cpu.Cores(seconds), 2) }
            : null,
    }));
    return new[] { group, projected, baseline, raw }.OfType<Result>().All(r => r.Oversold == 0) ? 0 : 1;
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task<Result> RunAsync(string name, Func<IEventStore, Task<IOrderPath>> create, bool projections = false)
{
    Directory.CreateDirectory(Path.Combine(root, name));
    var store = await OpenStoreAsync(name);
    await using var closeStore = (IAsyncDisposable)store;
    var listing = new SaleItemListed("hot", "Hot item", stock, int.MaxValue, null, null, 600, DateTimeOffset.UtcNow);
    var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("bench", "bench", "bench", DateTimeOffset.UtcNow));
    await store.AppendAsync(ItemStreams.For("hot"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listing, 0, metadata)]);

    await using var probe = projections ? await ProjectionLagProbe.StartAsync(store, Path.Combine(root, name, "readmodels.db"), projectionBatch) : null;
    using var measuring = new CancellationTokenSource();
    await using var path = await create(store);
    var context = new CommandContext("bench", "bench", "bench");
    var phase = 0; // 0 warmup, 1 measuring, 2 stop
    var latencies = Enumerable.Range(0, callers).Select(_ => new List<double>(100_000)).ToArray();
    var accepted = new long[callers];

    var workers = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
    {
        for (var n = 0; Volatile.Read(ref phase) < 2; n++)
        {
            var started = Stopwatch.GetTimestamp();
            var order = new PlaceOrder("hot", $"o-{c}-{n}", $"u-{c}-{n}", 1, DateTimeOffset.UtcNow);
            var reserved = await path.PlaceAsync(order, context);
            if (Volatile.Read(ref phase) != 1) continue;
            latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (reserved) accepted[c]++;
        }
    })).ToArray();

    await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));
    var clock = Stopwatch.StartNew();
    var gcAtStart = GcWindow.Now();
    var cpuAtStart = CpuWindow.Now();
    Volatile.Write(ref phase, 1);
    probe?.StartSampling(measuring.Token);
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    Volatile.Write(ref phase, 2);
    var elapsed = clock.Elapsed.TotalSeconds;
    var gc = GcWindow.Now().Since(gcAtStart);
    var cpu = CpuWindow.Now().Since(cpuAtStart);
    await Task.WhenAll(workers);
    await measuring.CancelAsync();
    var lag = probe is null ? ((long, long, long, TimeSpan)?)null : await probe.FinishAsync();

    var all = latencies.SelectMany(l => l).Order().ToArray();
    var oversold = await OversoldAsync(store);
    var result = new Result(name, accepted.Sum() / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), path.Appends, path.Conflicts, oversold, gc, cpu, lag);
    Console.WriteLine($"{name}: {accepted.Sum()} accepted in {elapsed:F1}s -> {result.OrdersPerSec:F0} orders/s");
    return result;
}

async Task<long> OversoldAsync(IEventStore store)
{
    long reserved = 0, worst = 0;
    await foreach (var recorded in store.ReadStreamAsync(ItemStreams.For("hot")))
    {
        switch (ItemEventSerializer.Deserialize(recorded))
        {
            case StockReserved r: reserved += r.Quantity; break;
            case StockReleased r: reserved -= r.Quantity; break;
        }
        worst = Math.Max(worst, reserved - stock);
    }
    return worst;
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}


async Task<IEventStore> OpenStoreAsync(string name) => esdb is not null ? esdb.Open(name) : storeKind == "marten"
    ? await MartenEventStore.OpenAsync(new MartenEventStoreSettings(postgres,
        Schema: $"bench_{name.Replace('+', '_').ToLowerInvariant()}_{Guid.NewGuid():N}"[..40]))
    // The one-append-per-order baseline also commits each append alone, as CommandPath:GroupCommit=false does (ADR 0034).
    : await SqliteEventStore.OpenAsync(Path.Combine(root, name, "events.db"), new SqliteEventStoreOptions { CommitAppendsTogether = name != "baseline" });

string StringArg(string flag, string fallback)
{
    var i = Array.IndexOf(args, flag);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

internal sealed record Result(string Name, double OrdersPerSec, double P50Ms, double P99Ms, long Appends, long Conflicts, long Oversold,
    GcWindow Gc, CpuWindow Cpu, (long P50, long P99, long Max, TimeSpan CatchUp)? Lag = null)
{
    /// <summary>The orders accepted while measured: with the benchmark's ample stock, every order placed.</summary>
    public double Orders(double seconds) => OrdersPerSec * seconds;
}

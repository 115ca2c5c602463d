using System.Text.Json;

namespace FlashSale.Benchmarks.Http;

/// <summary>The figures of one scenario on one API build; <see cref="Check"/> is null for <c>/health</c>.
/// <see cref="ApiCpuUsPerRequest"/> is the CPU time (user + system) the API process (with its worker, for a split build)
/// spent per request of the measured run: on a shared machine the rates follow how much CPU the others leave, the cost of
/// a request much less so.
/// <see cref="GcPauseMsPerSecond"/> is how long the API's garbage collections held its threads still per second of the
/// measured run (its <c>dotnet_gc_pause_seconds_total</c>; null for a build without it): the slowest answers wait for them.</summary>
public sealed record ScenarioResult(string Api, string Scenario, double PerSecond, double P50Ms, double P99Ms, double MaxMs,
    long Requests, long Errors, StockCheck? Check, double LoadAverage, double? ApiCpuUsPerRequest = null,
    double? GcPauseMsPerSecond = null)
{
    public bool Holds => Errors == 0 && Check is null or { Holds: true };

    public string ToJson() => JsonSerializer.Serialize(this, Json.Options);
}

/// <summary>Each scenario on a fresh API process: warm-up run, then the measured run with the same wrk script.</summary>
public sealed class Scenarios(BenchOptions options)
{
    public const string PerOrderSetting = "CommandPath:GroupCommit";
    private const int AmpleStock = 100_000_000;

    public async Task<ScenarioResult> RunAsync(ApiBuild build, string scenario)
    {
        var settings = new Dictionary<string, string>(build.Settings);
        if (scenario == "per-order") settings[PerOrderSetting] = "false";
        await using var api = await ApiProcess.StartAsync(build, settings);
        using var client = new SaleClient(api);
        var run = $"{scenario}-{Guid.NewGuid().ToString("N")[..8]}";
        if (scenario == "health") return Result(build, scenario, await MeasureAsync(api, "/health", WrkScripts.Get(), run), null);

        string[] items = scenario == "spread"
            ? [.. Enumerable.Range(1, options.SpreadItems).Select(k => $"{run}-item{k}")]
            : [$"{run}-hot"];
        await client.ListAsync(items, scenario == "spread" ? AmpleStock / 100 : AmpleStock);
        var script = WrkScripts.Orders(items, scenario == "spread" ? options.ZipfS : 0, options.Users);
        var (warmup, measured, cpuUs, paused) = await MeasureAsync(api, "/api/orders", script, run);
        var accepted = measured.Requests - measured.Status + (warmup?.Requests - warmup?.Status ?? 0);
        // A build run without the projector role (--env x:Roles=api) has no inventory model to read: its figures stand unchecked.
        var check = HasProjector(build)
            ? await StockCheck.RunAsync(client, items, $"{run}-probe", accepted, options.Connections)
            : null;
        return Result(build, scenario, (warmup, measured, cpuUs, paused), check);
    }

    private static bool HasProjector(ApiBuild build) =>
        build.Split || !build.Settings.TryGetValue("Roles", out var roles) || string.IsNullOrWhiteSpace(roles)
        || roles.Contains("projector", StringComparison.OrdinalIgnoreCase);

    private async Task<(WrkResult? Warmup, WrkResult Measured, double? CpuUs, double? PauseMsPerSecond)> MeasureAsync(ApiProcess api,
        string path, string script, string run)
    {
        var url = new Uri(api.Url, path);
        var warmup = options.WarmupSeconds == 0 ? null
            : await Wrk.RunAsync(url, script, options.Threads, options.Connections, options.WarmupSeconds, $"{run}-w");
        var pausedBefore = await GcPauses.SecondsAsync(api.Url);
        var cpuBefore = ProcessCpu.Microseconds(api.Pids);
        var measured = await Wrk.RunAsync(url, script, options.Threads, options.Connections, options.Seconds, $"{run}-m");
        var cpu = ProcessCpu.Microseconds(api.Pids) - cpuBefore;
        var paused = await GcPauses.SecondsAsync(api.Url) - pausedBefore;
        return (warmup, measured, cpu, paused is { } seconds ? Math.Round(seconds * 1000 / options.Seconds, 1) : null);
    }

    private static ScenarioResult Result(ApiBuild build, string scenario,
        (WrkResult? Warmup, WrkResult Measured, double? CpuUs, double? PauseMsPerSecond) runs, StockCheck? check)
    {
        var r = runs.Measured;
        return new ScenarioResult(build.Label, scenario, Math.Round(r.PerSecond), r.P50Us / 1000.0, r.P99Us / 1000.0, r.MaxUs / 1000.0,
            r.Requests, r.Errors + (runs.Warmup?.Errors ?? 0), check, Load.Average(),
            runs.CpuUs is { } cpu && r.Requests > 0 ? Math.Round(cpu / r.Requests, 1) : null, runs.PauseMsPerSecond);
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>CPU time a process has used so far (Linux <c>/proc/pid/stat</c>: user + system); null elsewhere.</summary>
internal static class ProcessCpu
{
    /// <summary>The CPU time of all of them together; null when one cannot be read.</summary>
    public static double? Microseconds(IEnumerable<int> pids) =>
        pids.Aggregate((double?)0, (sum, pid) => sum + Microseconds(pid));

    public static double? Microseconds(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return null;
        // The command name (2nd field) is in parentheses and may hold spaces: count fields after its closing one.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
            + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return ticks * 1e6 / ClockTicksPerSecond;
    }

    // USER_HZ: 100 on every Linux build the benchmark runs on (x86-64, arm64).
    private const double ClockTicksPerSecond = 100;
}

/// <summary>The API's <c>dotnet_gc_pause_seconds_total</c> from its <c>/metrics</c>; null when the build does not export it.</summary>
internal static class GcPauses
{
    private const string Series = "dotnet_gc_pause_seconds_total ";
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<double?> SecondsAsync(Uri api)
    {
        using var answer = await Client.GetAsync(new Uri(api, "/metrics"));
        if (!answer.IsSuccessStatusCode) return null;
        var line = (await answer.Content.ReadAsStringAsync()).Split('\n').FirstOrDefault(l => l.StartsWith(Series, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[Series.Length..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The one-minute load average (<c>uptime</c>), to say how busy the shared machine was.</summary>
internal static class Load
{
    public static double Average() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : -1;
}

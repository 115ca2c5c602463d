using System.Text.Json;

namespace FlashSale.Benchmarks.Http;

/// <summary>The figures of one scenario on one API build; <see cref="Check"/> is null for <c>/health</c>.</summary>
public sealed record ScenarioResult(string Api, string Scenario, double PerSecond, double P50Ms, double P99Ms, double MaxMs,
    long Requests, long Errors, StockCheck? Check, double LoadAverage)
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
        var settings = scenario == "per-order" ? new Dictionary<string, string> { [PerOrderSetting] = "false" } : [];
        await using var api = await ApiProcess.StartAsync(build, settings);
        using var client = new SaleClient(api);
        var run = $"{scenario}-{Guid.NewGuid().ToString("N")[..8]}";
        if (scenario == "health") return Result(build, scenario, await MeasureAsync(api, "/health", WrkScripts.Get(), run), null);

        string[] items = scenario == "spread"
            ? [.. Enumerable.Range(1, options.SpreadItems).Select(k => $"{run}-item{k}")]
            : [$"{run}-hot"];
        await client.ListAsync(items, scenario == "spread" ? AmpleStock / 100 : AmpleStock);
        var script = WrkScripts.Orders(items, scenario == "spread" ? options.ZipfS : 0, options.Users);
        var (warmup, measured) = await MeasureAsync(api, "/api/orders", script, run);
        var accepted = measured.Requests - measured.Status + (warmup?.Requests - warmup?.Status ?? 0);
        var check = await StockCheck.RunAsync(client, items, $"{run}-probe", accepted, options.Connections);
        return Result(build, scenario, (warmup, measured), check);
    }

    private async Task<(WrkResult? Warmup, WrkResult Measured)> MeasureAsync(ApiProcess api, string path, string script, string run)
    {
        var url = new Uri(api.Url, path);
        var warmup = options.WarmupSeconds == 0 ? null
            : await Wrk.RunAsync(url, script, options.Threads, options.Connections, options.WarmupSeconds, $"{run}-w");
        return (warmup, await Wrk.RunAsync(url, script, options.Threads, options.Connections, options.Seconds, $"{run}-m"));
    }

    private static ScenarioResult Result(ApiBuild build, string scenario, (WrkResult? Warmup, WrkResult Measured) runs, StockCheck? check)
    {
        var r = runs.Measured;
        return new ScenarioResult(build.Label, scenario, Math.Round(r.PerSecond), r.P50Us / 1000.0, r.P99Us / 1000.0, r.MaxUs / 1000.0,
            r.Requests, r.Errors + (runs.Warmup?.Errors ?? 0), check, Load.Average());
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>The one-minute load average (<c>uptime</c>), to say how busy the shared machine was.</summary>
internal static class Load
{
    public static double Average() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : -1;
}

using System.Globalization;
using System.Text.Json;
using FlashSale.Benchmarks.Http;

// The HTTP benchmark: the real API (Release build, own process, temp data dir, SQLite) driven by wrk, every scenario
// on every build given, back to back; one JSON line per scenario and one of all figures and ratios at the end.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, DefaultApiDll());
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: [--api label=path/FlashSale.Api.dll]... [--env label:Key=Value]... [--split label]... [--scenarios health,hot,spread,per-order] [--seconds 10] " +
        "[--warmup 3] [--connections 256] [--threads 2] [--items 1000] [--zipf-s 1.1] [--users 10000]");
    return 2;
}

if (!Wrk.IsInstalled())
{
    Console.Error.WriteLine(Wrk.MissingMessage);
    return Wrk.MissingExitCode;
}

var scenarios = new Scenarios(options);
var results = new List<ScenarioResult>();
try
{
    foreach (var build in options.Apis)
    foreach (var scenario in options.Scenarios)
    {
        Console.Error.WriteLine($"{build.Label} {scenario}: load {Load.Average():F2} ...");
        var result = await scenarios.RunAsync(build, scenario);
        results.Add(result);
        Console.WriteLine(result.ToJson());
    }
}
catch (WrkMissingException ex)
{
    Console.Error.WriteLine(ex.Message);
    return Wrk.MissingExitCode;
}

Console.WriteLine();
Console.WriteLine(Summary.Table(results));
Console.WriteLine(JsonSerializer.Serialize(Summary.Figures(results), new JsonSerializerOptions(JsonSerializerDefaults.Web)));
var failed = results.Where(r => !r.Holds).ToList();
foreach (var r in failed) Console.Error.WriteLine($"FAILED {r.Api} {r.Scenario}: errors {r.Errors}, check {r.Check}");
return failed.Count == 0 ? 0 : 1;

static string DefaultApiDll()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FlashSale.EventSourced.sln"))) directory = directory.Parent;
    return directory is null ? "FlashSale.Api.dll"
        : Path.Combine(directory.FullName, "src", "FlashSale.Api", "bin", "Release", "net10.0", "FlashSale.Api.dll");
}

namespace FlashSale.Benchmarks.Http
{
    internal static class Summary
    {
        public static string Table(IReadOnlyList<ScenarioResult> results)
        {
            var lines = new List<string>
            {
                "| api | scenario | req/s | p50 ms | p99 ms | API CPU µs/req | GC pause ms/s | errors | oversold | check | load |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|",
            };
            lines.AddRange(results.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"| {r.Api} | {r.Scenario} | {r.PerSecond:N0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.ApiCpuUsPerRequest?.ToString("F0", CultureInfo.InvariantCulture) ?? "-"} | {r.GcPauseMsPerSecond?.ToString("F0", CultureInfo.InvariantCulture) ?? "-"} | {r.Errors} | {r.Check?.Oversold.ToString(CultureInfo.InvariantCulture) ?? "-"} | {(r.Check is null ? "-" : r.Check.Holds ? "ok" : "FAILED")} | {r.LoadAverage:F2} |")));
            return string.Join(Environment.NewLine, lines);
        }

        public static object Figures(IReadOnlyList<ScenarioResult> results)
        {
            var builds = results.GroupBy(r => r.Api).Select(g => (Api: g.Key, ByScenario: g.ToDictionary(r => r.Scenario))).ToList();
            var perBuild = builds.ToDictionary(b => b.Api, b => new
            {
                health = Rate(b.ByScenario, "health"),
                hot = Rate(b.ByScenario, "hot"),
                hotP99Ms = b.ByScenario.GetValueOrDefault("hot")?.P99Ms,
                spread = Rate(b.ByScenario, "spread"),
                spreadP99Ms = b.ByScenario.GetValueOrDefault("spread")?.P99Ms,
                perOrder = Rate(b.ByScenario, "per-order"),
                perOrderP99Ms = b.ByScenario.GetValueOrDefault("per-order")?.P99Ms,
                hotVsHealth = Ratio(Rate(b.ByScenario, "hot"), Rate(b.ByScenario, "health")),
                spreadVsHot = Ratio(Rate(b.ByScenario, "spread"), Rate(b.ByScenario, "hot")),
                groupCommitVsPerOrder = Ratio(Rate(b.ByScenario, "hot"), Rate(b.ByScenario, "per-order")),
                oversold = b.ByScenario.Values.Sum(r => r.Check?.Oversold ?? 0),
                apiCpuUsPerRequest = b.ByScenario.ToDictionary(s => s.Key, s => s.Value.ApiCpuUsPerRequest),
                gcPauseMsPerSecond = b.ByScenario.ToDictionary(s => s.Key, s => s.Value.GcPauseMsPerSecond),
            });
            var (first, last) = (builds[0], builds[^1]);
            var lastVsFirst = builds.Count < 2 ? null : BenchOptions.AllScenarios.ToDictionary(s => s,
                s => Ratio(Rate(last.ByScenario, s), Rate(first.ByScenario, s)));
            var cpuLastVsFirst = builds.Count < 2 ? null : BenchOptions.AllScenarios.ToDictionary(s => s,
                s => Ratio(last.ByScenario.GetValueOrDefault(s)?.ApiCpuUsPerRequest, first.ByScenario.GetValueOrDefault(s)?.ApiCpuUsPerRequest));
            return new { builds = perBuild, lastVsFirst, cpuPerRequestLastVsFirst = cpuLastVsFirst, allChecksHold = results.All(r => r.Holds) };
        }

        private static double? Rate(Dictionary<string, ScenarioResult> byScenario, string scenario) =>
            byScenario.GetValueOrDefault(scenario)?.PerSecond;

        private static double? Ratio(double? a, double? b) => a is { } x && b is > 0 and { } y ? Math.Round(x / y, 2) : null;
    }
}

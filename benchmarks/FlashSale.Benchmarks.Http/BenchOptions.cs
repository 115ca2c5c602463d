using System.Globalization;

namespace FlashSale.Benchmarks.Http;

/// <summary>One API build to measure: a label for the table, the path of its <c>FlashSale.Api.dll</c> and the settings
/// (<c>--env label:Key=Value</c>) it runs with on top of the benchmark's, e.g. one feature turned off.</summary>
public sealed record ApiBuild(string Label, string Dll)
{
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--split label</c>: the build runs as the production topology does (docker-compose.yml), on one machine:
    /// an <c>api</c> process that buyers talk to and a worker process (<c>projector,payments</c>) on the same data
    /// directory, so the followers' work and garbage are not in the process whose pauses buyers wait on.</summary>
    public bool Split { get; init; }
}

public sealed record BenchOptions(
    IReadOnlyList<ApiBuild> Apis,
    IReadOnlyList<string> Scenarios,
    int Seconds,
    int WarmupSeconds,
    int Connections,
    int Threads,
    int SpreadItems,
    double ZipfS,
    int Users)
{
    public static readonly string[] AllScenarios = ["health", "hot", "spread", "per-order"];

    public static BenchOptions Parse(string[] args, string defaultDll)
    {
        var apis = new List<ApiBuild>();
        var settings = new List<(string Label, string Key, string Value)>();
        var splits = new List<string>();
        var (seconds, warmup, connections, threads, items, zipf, users) = (10, 3, 256, 2, 1000, 1.1, 10_000);
        IReadOnlyList<string> scenarios = AllScenarios;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--api": apis.Add(ParseApi(value)); break;
                case "--env": settings.Add(ParseSetting(value)); break;
                case "--split": splits.Add(value); break;
                case "--scenarios": scenarios = ParseScenarios(value); break;
                case "--seconds": seconds = Positive(value); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--connections": connections = Positive(value); break;
                case "--threads": threads = Positive(value); break;
                case "--items": items = Positive(value); break;
                case "--zipf-s": zipf = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--users": users = Positive(value); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
            i++;
        }
        if (seconds > 120 || warmup > 60) throw new ArgumentException("Runs are bounded: --seconds <= 120, --warmup <= 60.");
        if (apis.Count == 0) apis.Add(new ApiBuild("current", defaultDll));
        if (apis.GroupBy(a => a.Label).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"--api label {twice.Key} is given twice; each build needs its own label.");
        if (settings.FirstOrDefault(s => apis.All(a => a.Label != s.Label)) is { Label: { } unknownLabel })
            throw new ArgumentException($"--env names {unknownLabel}, which no --api label is.");
        if (splits.FirstOrDefault(label => apis.All(a => a.Label != label)) is { } unknownSplit)
            throw new ArgumentException($"--split names {unknownSplit}, which no --api label is.");
        if (settings.FirstOrDefault(s => splits.Contains(s.Label) && s.Key.Equals("Roles", StringComparison.OrdinalIgnoreCase)) is { Label: { } both })
            throw new ArgumentException($"--split {both} sets the roles of its two processes (api; projector,payments): it takes no --env {both}:Roles.");
        apis = [.. apis.Select(a => a with
        {
            Settings = settings.Where(s => s.Label == a.Label).ToDictionary(s => s.Key, s => s.Value),
            Split = splits.Contains(a.Label),
        })];
        return new BenchOptions(apis, scenarios, seconds, warmup, connections, threads, items, zipf, users);
    }

    private static ApiBuild ParseApi(string value)
    {
        var split = value.IndexOf('=');
        var (label, dll) = split > 0 ? (value[..split], value[(split + 1)..]) : ("current", value);
        return File.Exists(dll) ? new ApiBuild(label, Path.GetFullPath(dll)) : throw new ArgumentException($"No API build at {dll}.");
    }

    /// <summary><c>label:Key=Value</c>; the key in configuration form (<c>Metrics:Enabled</c> or <c>Metrics__Enabled</c>).</summary>
    private static (string Label, string Key, string Value) ParseSetting(string value)
    {
        var (colon, equals) = (value.IndexOf(':'), value.IndexOf('='));
        if (colon <= 0 || equals <= colon + 1)
            throw new ArgumentException($"--env {value}: expected label:Key=Value (e.g. nometrics:Metrics:Enabled=false).");
        return (value[..colon], value[(colon + 1)..equals].Replace("__", ":", StringComparison.Ordinal), value[(equals + 1)..]);
    }

    private static string[] ParseScenarios(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.FirstOrDefault(n => !AllScenarios.Contains(n)) is { } unknown
            ? throw new ArgumentException($"Unknown scenario {unknown}; known: {string.Join(", ", AllScenarios)}.")
            : names;
    }

    private static int Positive(string value) =>
        int.Parse(value, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new ArgumentException($"{value} must be above 0.");
}

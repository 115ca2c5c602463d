using System.Globalization;

namespace FlashSale.Benchmarks.Http;

/// <summary>One API build to measure: a label for the table and the path of its <c>FlashSale.Api.dll</c>.</summary>
public sealed record ApiBuild(string Label, string Dll);

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
        var (seconds, warmup, connections, threads, items, zipf, users) = (10, 3, 256, 2, 1000, 1.1, 10_000);
        IReadOnlyList<string> scenarios = AllScenarios;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--api": apis.Add(ParseApi(value)); break;
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
        return new BenchOptions(apis, scenarios, seconds, warmup, connections, threads, items, zipf, users);
    }

    private static ApiBuild ParseApi(string value)
    {
        var split = value.IndexOf('=');
        var (label, dll) = split > 0 ? (value[..split], value[(split + 1)..]) : ("current", value);
        return File.Exists(dll) ? new ApiBuild(label, Path.GetFullPath(dll)) : throw new ArgumentException($"No API build at {dll}.");
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

using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.LoadTest.Checks;
using FlashSale.LoadTest.Recording;

namespace FlashSale.LoadTest.Report;

/// <summary>The final report; its JSON (camelCase) is what <c>--json</c> prints.</summary>
public sealed record LoadTestReport(
    RunSettings Run, RunTotals Totals, IReadOnlyDictionary<string, LatencySummary> LatencyMicros,
    IReadOnlyDictionary<string, long> ByStatus, IReadOnlyDictionary<string, long> ByCode,
    IReadOnlyList<ItemResult> Items, IReadOnlyList<CheckResult> Checks, IReadOnlyList<SecondPoint> Timeline)
{
    public bool Passed => Checks.All(c => c.Passed);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record RunSettings(
    string RunId, string Url, int Items, int Stock, int PerUserLimit, int Concurrency, int Users, Popularity Popularity,
    double ZipfS, double RepeatShare, double ConfirmRate, int? Orders, double? DurationSeconds, DateTimeOffset StartedAt);

public sealed record RunTotals(
    double Seconds, long Attempts, long NewOrders, long Repeats, long Accepted, long Rejected, long Errors, long Confirmed,
    double AttemptsPerSecond, double AcceptedPerSecond);

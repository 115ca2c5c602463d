using System.Globalization;
using FlashSale.Cli.Output;
using FlashSale.LoadTest.Report;

namespace FlashSale.Cli.LoadTest;

/// <summary>The report as tables (terminal) or tab-separated lines (redirected).</summary>
public static class ReportView
{
    public static void Write(LoadTestReport report, CommandOutput output)
    {
        var t = report.Totals;
        output.Record($"Load test {report.Run.RunId} on {report.Run.Url}",
        [
            ("seconds", F(t.Seconds)), ("attempts", output.Number(t.Attempts)), ("attempts/s", F(t.AttemptsPerSecond)),
            ("accepted", output.Number(t.Accepted)), ("accepted/s", F(t.AcceptedPerSecond)), ("rejected", output.Number(t.Rejected)),
            ("repeats", output.Number(t.Repeats)), ("errors", output.Number(t.Errors)), ("confirmed", output.Number(t.Confirmed)),
        ]);
        output.Table("Latency by outcome (ms)", ["outcome", "count", "p50", "p90", "p99", "p99.9", "max"],
            report.LatencyMicros.Select(p => (IReadOnlyList<string?>)[p.Key, output.Number(p.Value.Count), Ms(p.Value.P50), Ms(p.Value.P90),
                Ms(p.Value.P99), Ms(p.Value.P999), Ms(p.Value.Max)]));
        output.Table("Answers by status and problem code", ["status or code", "answers"],
            report.ByStatus.Concat(report.ByCode).Select(p => (IReadOnlyList<string?>)[p.Key, output.Number(p.Value)]));
        output.Table("Items", ["item", "stock", "accepted", "rejected", "confirmed", "reserved", "sold", "released", "available"],
            report.Items.Select(i => (IReadOnlyList<string?>)[i.ItemId, output.Number(i.Stock), output.Number(i.AcceptedUnits),
                output.Number(i.Rejected), output.Number(i.Confirmed), N(output, i.Inventory?.Reserved), N(output, i.Inventory?.Sold),
                N(output, i.Inventory?.Released), N(output, i.Inventory?.Available)]));
        output.Table("Correctness checks", ["check", "result", "detail"],
            report.Checks.Select(c => (IReadOnlyList<string?>)[c.Name, c.Passed ? "passed" : "FAILED", c.Detail]));
    }

    private static string? N(CommandOutput output, long? value) => value is { } v ? output.Number(v) : null;

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
}

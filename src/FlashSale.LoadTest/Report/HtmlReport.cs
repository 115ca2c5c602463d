using System.Globalization;
using System.Net;
using System.Text;

namespace FlashSale.LoadTest.Report;

/// <summary>The one-page report of <c>--report FILE.html</c>: summary, checks, latency and throughput over time
/// (inline SVG), counts; self-contained, opened from disk without a network.</summary>
public static class HtmlReport
{
    public static string Render(LoadTestReport report)
    {
        var t = report.Totals;
        var timeline = report.Timeline;
        var latency = SvgChart.Render("latency-chart", "Order latency per second (ms)", "s", "ms",
        [
            new("p50", "#1f77b4", [.. timeline.Select(p => ((double)p.Second, p.P50 / 1000.0))]),
            new("p99", "#d62728", [.. timeline.Select(p => ((double)p.Second, p.P99 / 1000.0))]),
        ]);
        var throughput = SvgChart.Render("throughput-chart", "Orders per second", "s", "orders/s",
        [
            new("attempts/s", "#2ca02c", [.. timeline.Select(p => ((double)p.Second, (double)p.Attempts))]),
            new("accepted/s", "#ff7f0e", [.. timeline.Select(p => ((double)p.Second, (double)p.Accepted))]),
        ]);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>FlashSale load test ")
            .Append(E(report.Run.RunId)).Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:960px}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th:first-child,td:first-child,#checks td{text-align:left}.passed{color:#080}.failed{color:#c00;font-weight:bold}</style></head><body>");
        html.Append("<h1>FlashSale load test ").Append(E(report.Run.RunId)).Append("</h1><p>")
            .Append(E($"{report.Run.Url} · {report.Run.Items} item(s) of {report.Run.Stock} · {report.Run.Concurrency} connections · "
                + $"{report.Run.Popularity} · started {report.Run.StartedAt:O}"))
            .Append("</p><p class=\"").Append(report.Passed ? "passed" : "failed").Append("\" id=\"verdict\">")
            .Append(report.Passed ? "All correctness checks passed." : "A correctness check FAILED.").Append("</p>");
        Table(html, "summary", ["", "value"],
        [
            ["seconds", N(t.Seconds)], ["attempts", N(t.Attempts)], ["attempts/s", N(t.AttemptsPerSecond)], ["accepted", N(t.Accepted)],
            ["accepted/s", N(t.AcceptedPerSecond)], ["rejected", N(t.Rejected)], ["repeats", N(t.Repeats)], ["errors", N(t.Errors)],
            ["confirmed", N(t.Confirmed)],
        ]);
        Table(html, "checks", ["check", "result", "detail"], report.Checks.Select(c => (string[])[c.Name, c.Passed ? "passed" : "FAILED", c.Detail]));
        html.Append("<h2>Latency over time</h2>").Append(latency).Append("<h2>Throughput over time</h2>").Append(throughput);
        Table(html, "latency", ["outcome (ms)", "count", "p50", "p90", "p99", "p99.9", "max"], report.LatencyMicros.Select(p => (string[])
            [p.Key, N(p.Value.Count), Ms(p.Value.P50), Ms(p.Value.P90), Ms(p.Value.P99), Ms(p.Value.P999), Ms(p.Value.Max)]));
        Table(html, "counts", ["status or code", "answers"],
            report.ByStatus.Concat(report.ByCode).Select(p => (string[])[p.Key, N(p.Value)]));
        return html.Append("</body></html>").ToString();
    }

    private static void Table(StringBuilder html, string id, string[] headers, IEnumerable<string[]> rows)
    {
        html.Append("<table id=\"").Append(id).Append("\"><tr>");
        foreach (var h in headers) html.Append("<th>").Append(E(h)).Append("</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(E(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.00", CultureInfo.InvariantCulture);
}

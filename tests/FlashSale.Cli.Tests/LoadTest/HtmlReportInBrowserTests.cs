using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FlashSale.Cli.Tests.LoadTest;

/// <summary>The HTML report as a real browser renders it (headless chromium, the apt package .ci/run installs).</summary>
public sealed partial class HtmlReportInBrowserTests(ShortRun run) : IClassFixture<ShortRun>
{
    [Fact]
    public async Task the_report_shows_both_charts_with_their_points_and_the_summary_in_chromium()
    {
        run.Run.ExitCode.ShouldBe(ExitCodes.Ok, run.Run.ToString());
        var dom = await DumpDomAsync(run.ReportPath);

        PointsOf(dom, "latency-chart").ShouldBeGreaterThan(0, dom);
        PointsOf(dom, "throughput-chart").ShouldBeGreaterThan(0, dom);
        var summary = Regex.Match(dom, "<table id=\"summary\">.*?</table>", RegexOptions.Singleline);
        summary.Success.ShouldBeTrue(dom);
        summary.Value.ShouldContain("attempts/s");
        summary.Value.ShouldContain("accepted/s");
        dom.ShouldContain("All correctness checks passed.");
        dom.ShouldNotContain("<script");
    }

    private static int PointsOf(string dom, string chartId)
    {
        var chart = Regex.Match(dom, $"<svg id=\"{chartId}\".*?</svg>", RegexOptions.Singleline);
        chart.Success.ShouldBeTrue($"no <svg id=\"{chartId}\"> in the DOM");
        return PointPattern().Count(chart.Value);
    }

    private static async Task<string> DumpDomAsync(string file)
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }
            .FirstOrDefault(name => Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, name))))
            ?? throw new InvalidOperationException("chromium is not installed (apt-get install chromium; .ci/run does it)");
        var profile = Directory.CreateTempSubdirectory("flashsale-chromium-");
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}",
                "--dump-dom", new Uri(file).AbsoluteUri },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var dom = await output;
        try { profile.Delete(recursive: true); } catch (IOException) { }
        dom.ShouldNotBeEmpty($"chromium exited {process.ExitCode}: {await errors}");
        return dom;
    }

    [GeneratedRegex("<circle class=\"point\"")]
    private static partial Regex PointPattern();
}

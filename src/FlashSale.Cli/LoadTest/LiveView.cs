using System.Globalization;
using FlashSale.Cli.Output;
using FlashSale.LoadTest;
using FlashSale.LoadTest.Recording;
using FlashSale.LoadTest.Report;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlashSale.Cli.LoadTest;

/// <summary>Progress while the crowd runs: a live Spectre table on a terminal, a plain line on stderr every second
/// when stdout is redirected (stdout keeps only the report), nothing with --json.</summary>
public static class LiveView
{
    public static async Task<LoadTestReport> ShowWhileAsync(LoadTestRun run, Task<LoadTestReport> running, CommandOutput output)
    {
        if (output.IsJson) return await running;
        if (output.Console.IsTerminal)
        {
            await output.Console.Ansi.Live(Render(run.Progress())).StartAsync(async live =>
            {
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(250));
                    live.UpdateTarget(Render(run.Progress()));
                }
            });
            return await running;
        }
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(1000));
            if (!running.IsCompleted) output.Console.Error.WriteLine(Line(run.Progress()));
        }
        return await running;
    }

    public static string Line(LiveProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Elapsed.TotalSeconds:0}s attempts={p.Attempts} rps={p.RequestsPerSecond} accepted={p.Accepted} rejected={Reasons(p)} errors={p.Errors} confirmed={p.Confirmed} p99={p.P99Micros / 1000.0:0.0}ms");

    private static IRenderable Render(LiveProgress p)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle("loadtest")).HideHeaders().AddColumn("what").AddColumn("value");
        table.AddRow("elapsed", $"{p.Elapsed.TotalSeconds:0.0} s");
        table.AddRow("requests/s", p.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("attempts", p.Attempts.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("accepted", p.Accepted.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("rejected", Markup.Escape(Reasons(p)));
        table.AddRow("errors", p.Errors.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("confirmed", p.Confirmed.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("p99 so far", $"{p.P99Micros / 1000.0:0.0} ms");
        return table;
    }

    private static string Reasons(LiveProgress p) => p.RejectedByReason.Count == 0 ? "0"
        : string.Join(',', p.RejectedByReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}:{r.Value}"));
}

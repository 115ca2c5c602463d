using System.CommandLine;
using FlashSale.Cli.Output;
using FlashSale.LoadTest;
using FlashSale.LoadTest.Report;
using Spectre.Console;

namespace FlashSale.Cli.LoadTest;

/// <summary>Runs a <see cref="LoadTestPlan"/>: hosts the API when asked, shows progress, prints the report, writes
/// the HTML file, and turns the checks into the exit code (0 all held, 1 a check failed).</summary>
public static class LoadTestDriver
{
    /// <param name="wrap">Tests put a handler between the run and the API (e.g. one that falsifies an answer).</param>
    /// <param name="starting">Called with the settled options just before the crowd starts (the demo's intro).</param>
    /// <param name="finished">Called after the report is printed (the demo's next steps).</param>
    public static async Task<int> RunAsync(LoadTestPlan plan, CommandOutput output, CancellationToken cancellationToken,
        Func<HttpMessageHandler, HttpMessageHandler>? wrap = null, Action<LoadTestOptions>? starting = null,
        Action<LoadTestReport>? finished = null)
    {
        var problems = plan.Resolve(null).Problems().ToList();
        if (problems.Count > 0) throw new CliException(ExitCodes.Usage, string.Join(" ", problems));
        await using var api = plan.HostInProcess ? await InProcessApi.StartAsync(cancellationToken) : null;
        var options = plan.Resolve(api);
        starting?.Invoke(options);
        var run = new LoadTestRun(options, wrap?.Invoke(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }));
        var report = await LiveView.ShowWhileAsync(run, run.RunAsync(cancellationToken), output);
        if (plan.ReportPath is { } path) await File.WriteAllTextAsync(path, HtmlReport.Render(report), cancellationToken);
        if (output.IsJson) output.Console.Out.WriteLine(report.ToJson());
        else ReportView.Write(report, output);
        finished?.Invoke(report);
        return report.Passed ? ExitCodes.Ok : ExitCodes.Differences;
    }

    /// <summary>The commands' failure mapping (they open no store, so they do not go through <see cref="CliContext.Run"/>).</summary>
    public static void SetAction(Command command, CliContext cli, Func<ParseResult, CommandOutput, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var output = new CommandOutput(cli.Console, parsed.GetValue(cli.Options.Json));
            try
            {
                return await action(parsed, output, cancellationToken);
            }
            catch (CliException ex) { return Fail(cli.Console, ex.ExitCode, ex.Message); }
            catch (LoadTestException ex) { return Fail(cli.Console, ExitCodes.Failed, $"Failed: {ex.Message}"); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return Fail(cli.Console, ExitCodes.Cancelled, "Cancelled."); }
            catch (Exception ex) { return Fail(cli.Console, ExitCodes.Failed, $"Failed: {ex.Message} ({ex.GetType().Name})"); }
        });

    private static int Fail(CliConsole console, int exitCode, string message)
    {
        if (console.IsTerminal) console.AnsiError.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        else console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}

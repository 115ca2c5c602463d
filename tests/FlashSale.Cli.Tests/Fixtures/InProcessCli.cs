using System.Text.Json;
using FlashSale.Cli.Output;

namespace FlashSale.Cli.Tests.Fixtures;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public IReadOnlyList<string> Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the root command in this process with stdout/stderr captured; <c>terminal</c> picks the rendering
/// an operator's terminal gets (tables, progress) over the redirected one (plain lines).</summary>
public static class InProcessCli
{
    public static async Task<CliRun> RunAsync(bool terminal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, CliConsole.Capture(output, error, terminal));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>Each test gets its own freshly written <see cref="Fixtures.Sale"/>, so commands that change the log or
/// corrupt a read model never disturb another test.</summary>
public abstract class SaleTests : IAsyncLifetime
{
    protected Sale Sale { get; } = new();

    public Task InitializeAsync() => Sale.InitializeAsync();

    public Task DisposeAsync() => Sale.DisposeAsync();

    protected Task<CliRun> Cli(params string[] args) => InProcessCli.RunAsync(false, [.. args, "--data-dir", Sale.DataDir]);

    protected Task<CliRun> CliOnTerminal(params string[] args) => InProcessCli.RunAsync(true, [.. args, "--data-dir", Sale.DataDir]);

    protected async Task<JsonElement> JsonOf(params string[] args)
    {
        var run = await Cli([.. args, "--json"]);
        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        return run.Json;
    }
}

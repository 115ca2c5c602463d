using System.Diagnostics;
using System.Text.Json;
using FlashSale.Cli;
using FlashSale.Cli.Output;

namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

public static class CliRunner
{
    /// <summary>The root command in this process, output captured as when redirected (or as on a terminal).</summary>
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(false, args);

    public static async Task<CliRun> RunAsync(bool terminal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, CliConsole.Capture(output, error, terminal));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary><c>dotnet flashsale.dll ...</c> as an operator runs it, with its own environment.</summary>
    public static async Task<CliRun> RunProcessAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.CliAssembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("Storage__DataDirectory");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliRun(process.ExitCode, await output, await error);
    }
}

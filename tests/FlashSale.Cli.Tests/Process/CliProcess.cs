using System.Diagnostics;

namespace FlashSale.Cli.Tests.Process;

/// <summary>The built CLI as an operator runs it: <c>dotnet flashsale.dll ...</c> in a working directory, with
/// its own environment, stdout and stderr redirected (so it prints plain lines, never tables).</summary>
public static class CliProcess
{
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "flashsale.dll");

    /// <summary>The API built next to the CLI (the CLI hosts it for loadtest), for comparing what both say.</summary>
    public static string ApiAssembly => Path.Combine(AppContext.BaseDirectory, "FlashSale.Api.dll");

    public static Task<Fixtures.CliRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(Assembly, workingDirectory, environment, args);

    public static Task<Fixtures.CliRun> RunApiAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(ApiAssembly, workingDirectory, environment, args);

    private static async Task<Fixtures.CliRun> RunAsync(string assembly, string workingDirectory, IReadOnlyDictionary<string, string>? environment,
        string[] args)
    {
        File.Exists(assembly).ShouldBeTrue($"{assembly} should be copied next to the tests by the project reference");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("Storage__DataDirectory");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Fixtures.CliRun(process.ExitCode, await output, await error);
    }
}

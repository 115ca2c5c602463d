using System.Diagnostics;
using FlashSale.Benchmarks.Http;

namespace FlashSale.Benchmarks.Http.Tests;

/// <summary>The HTTP benchmark drives the API with wrk: without it, it stops before starting anything, with one line naming
/// what is missing and how to install it, and exit 69, not an unhandled Win32Exception's stack.</summary>
public sealed class WithoutWrkTests : IDisposable
{
    private readonly string _emptyPath = Path.Combine(Path.GetTempPath(), "flashsale-bench-nowrk", Guid.NewGuid().ToString("N"));

    public WithoutWrkTests() => Directory.CreateDirectory(_emptyPath);

    public void Dispose() => Directory.Delete(_emptyPath, recursive: true);

    [Fact]
    public async Task without_wrk_on_path_the_benchmark_stops_with_one_line_naming_wrk_and_apt_get_and_exit_69()
    {
        var run = await RunBenchmarkAsync(_emptyPath, "--scenarios", "health", "--seconds", "1", "--warmup", "1");

        run.ExitCode.ShouldBe(Wrk.MissingExitCode, run.ToString());
        run.Error.Trim().Split('\n').ShouldHaveSingleItem(run.ToString()).ShouldSatisfyAllConditions(
            line => line.ShouldContain("wrk is not installed"),
            line => line.ShouldContain("apt-get install -y wrk"));
        run.ToString().ShouldNotContain("Exception");
    }

    [Fact]
    public async Task a_wrk_file_that_is_not_executable_is_not_wrk()
    {
        await File.WriteAllTextAsync(Path.Combine(_emptyPath, "wrk"), "not a program");

        var run = await RunBenchmarkAsync(_emptyPath, "--scenarios", "health", "--seconds", "1", "--warmup", "1");

        run.ExitCode.ShouldBe(Wrk.MissingExitCode, run.ToString());
    }

    private sealed record Run(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    private static async Task<Run> RunBenchmarkAsync(string path, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FlashSale.Benchmarks.Http.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PATH"] = path;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"The benchmark kept running without wrk:\n{await error}");
        }
        return new Run(process.ExitCode, await output, await error);
    }

    /// <summary>The dotnet host by its full path: the benchmark runs with a PATH that holds nothing.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host) return host;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FlashSale.Benchmarks.Http;

/// <summary>What one wrk run printed in its <c>WRK</c> line: counts, and latencies in microseconds.</summary>
public sealed record WrkResult(long Requests, long DurationUs, long Status, long Connect, long Read, long Write, long Timeout,
    long P50Us, long P90Us, long P99Us, long MaxUs)
{
    public double PerSecond => Requests / (DurationUs / 1e6);

    /// <summary>Answers that were not 2xx/3xx, plus sockets that failed: none are expected in any scenario.</summary>
    public long Errors => Status + Connect + Read + Write + Timeout;
}

/// <summary>Runs wrk (a C load generator: far cheaper per request than a .NET client on the same 2 cores).</summary>
public static class Wrk
{
    /// <summary>EX_UNAVAILABLE from sysexits.h: a program the benchmark needs is not installed.</summary>
    public const int MissingExitCode = 69;

    public const string MissingMessage =
        "flashsale-bench-http: wrk is not installed (no executable 'wrk' on PATH); the HTTP benchmark drives the API with it. " +
        "Install it (Debian/Ubuntu: apt-get install -y wrk) and run again.";

    /// <summary>Whether an executable <c>wrk</c> is on <c>PATH</c>: looked for before any API is started.</summary>
    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, OperatingSystem.IsWindows() ? "wrk.exe" : "wrk"))
        .Any(file => File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0));

    public static async Task<WrkResult> RunAsync(Uri url, string script, int threads, int connections, int seconds, string runId)
    {
        var scriptFile = Path.Combine(Path.GetTempPath(), "flashsale-bench-http", $"{runId}.lua");
        await File.WriteAllTextAsync(scriptFile, script);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", scriptFile, url.ToString(), "--",
                     runId,
                 }) start.ArgumentList.Add(arg);
        Process wrkProcess;
        try
        {
            wrkProcess = Process.Start(start) ?? throw new WrkMissingException();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            File.Delete(scriptFile);
            throw new WrkMissingException();
        }
        using var wrk = wrkProcess;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
        try
        {
            await wrk.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            wrk.Kill(entireProcessTree: true);
            throw new TimeoutException($"wrk ran past {seconds + 60} s and was stopped.");
        }
        finally
        {
            File.Delete(scriptFile);
        }
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("WRK ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no figures (exit {wrk.ExitCode}): {await errors}{await output}");
        return JsonSerializer.Deserialize<WrkResult>(line[4..], new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"Unreadable wrk line: {line}");
    }

    public static string Describe(WrkResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.PerSecond:N0}/s p50 {r.P50Us / 1000.0:F2} ms p99 {r.P99Us / 1000.0:F2} ms errors {r.Errors}");
}

/// <summary>wrk could not be started (removed while the benchmark ran, or found on PATH but not runnable).</summary>
public sealed class WrkMissingException() : Exception(Wrk.MissingMessage);

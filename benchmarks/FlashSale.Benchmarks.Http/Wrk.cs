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
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk).");
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

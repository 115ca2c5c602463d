using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace FlashSale.Benchmarks.Http;

/// <summary>
/// The real API in its own process (the Release build given), on a free loopback port and a fresh temporary data
/// directory with the default (SQLite) stores. Killed and its directory deleted on dispose, whatever happened.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ApiProcess(Process process, StreamWriter log, Uri url, string dataDirectory, string operatorKey)
    {
        (_process, _log, Url, DataDirectory, OperatorKey) = (process, log, url, dataDirectory, operatorKey);
    }

    public Uri Url { get; }
    public string DataDirectory { get; }
    public string OperatorKey { get; }
    public int Pid => _process.Id;

    public static async Task<ApiProcess> StartAsync(ApiBuild build, IReadOnlyDictionary<string, string> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-bench-http", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var operatorKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dataDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(build.Dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var all = new Dictionary<string, string>
        {
            ["urls"] = url.ToString().TrimEnd('/'),
            ["Storage:DataDirectory"] = dataDirectory,
            ["Operators:ApiKey"] = operatorKey,
            ["Payments:CallbackSecret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            // The crowd is the benchmark's; payments would add their own appends, and 60 orders a minute per user
            // would answer most of it 429 (as in `flashsale loadtest` without --url).
            ["Payments:ProcessorEnabled"] = "false",
            ["RateLimiting:OrdersPerUser:PermitLimit"] = "100000000",
        };
        foreach (var (key, value) in settings) all[key] = value;
        foreach (var (key, value) in all) start.ArgumentList.Add($"--{key}={value}");

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var logFile = Path.Combine(Path.GetTempPath(), "flashsale-bench-http", $"api-{process.Id}.log");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, log, url, dataDirectory, operatorKey);
        try
        {
            await api.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch (Exception ex)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message} Its output: {logFile}", ex);
        }
        return api;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The API exited with {_process.ExitCode} at start.");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The API did not answer /health within {timeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        catch (InvalidOperationException) { } // never started or already gone
        _process.Dispose();
        lock (_log) _log.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

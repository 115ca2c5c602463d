using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>The real API as a child process (<c>dotnet FlashSale.Api.dll</c>) on a data directory, configured through
/// environment variables as an operator would; killed on dispose if still running.</summary>
public sealed class ApiProcess : IDisposable
{
    public const string OperatorKey = "recovery-operator-key";
    public const string CallbackSecret = "recovery-callback-secret-0123456789abcdef";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    /// <param name="settings">Environment entries on top of the defaults (<c>CommandPath__SnapshotEvery</c>, log levels).</param>
    public static async Task<ApiProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "FlashSale.Api.dll");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Operators__ApiKey"] = OperatorKey;
        start.Environment["Payments__ProcessorEnabled"] = "false";
        start.Environment["Payments__CallbackSecret"] = CallbackSecret;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimiting__OrdersPerUser__PermitLimit"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var api = new ApiProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), baseAddress);
        try
        {
            api._process.BeginOutputReadLine();
            api._process.BeginErrorReadLine();
            await api.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    public HttpClient CreateClient(bool asOperator = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (asOperator) client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new ShouldAssertException($"The API exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"The API did not answer /health within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }
}

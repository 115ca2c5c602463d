using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FlashSale.Api.Tests.Process;

/// <summary>
/// The real API as a child process (<c>dotnet FlashSale.Api.dll</c>), configured through environment variables the
/// way an operator would. Killed (SIGKILL) on dispose if still running.
/// </summary>
public sealed class ApiProcess : IDisposable
{
    public const string OperatorKey = "process-operator-key";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(120);
    private readonly System.Diagnostics.Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(System.Diagnostics.Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public Uri BaseAddress { get; }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public static string ApiAssembly => Path.Combine(AppContext.BaseDirectory, "FlashSale.Api.dll");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the API on <paramref name="dataDirectory"/> and <paramref name="port"/> and waits until /health answers 200
    /// and (unless <paramref name="waitUntilCaughtUp"/> is false) readiness no longer says it is catching up with the log.</summary>
    public static async Task<ApiProcess> StartAsync(string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings = null,
        bool waitUntilCaughtUp = true)
    {
        File.Exists(ApiAssembly).ShouldBeTrue($"{ApiAssembly} should be copied next to the tests by the project reference");
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiAssembly);
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Operators__ApiKey"] = OperatorKey;
        start.Environment["Payments__ProcessorEnabled"] = "false";
        start.Environment["Payments__CallbackSecret"] = Fixtures.ApiCalls.CallbackSecret;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimiting__OrdersPerUser__PermitLimit"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var api = new ApiProcess(System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), baseAddress);
        try
        {
            api._process.BeginOutputReadLine();
            api._process.BeginErrorReadLine();
            await api.WaitUntilHealthyAsync();
            if (waitUntilCaughtUp) await api.WaitUntilCaughtUpAsync(CatchUpTimeout);
            return api;
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    public HttpClient CreateClient(string? apiKey = null, int maxConnections = 256)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (apiKey is not null) client.DefaultRequestHeaders.Add(Fixtures.ApiCalls.ApiKeyHeader, apiKey);
        return client;
    }

    /// <summary>kill -9: <see cref="System.Diagnostics.Process.Kill(bool)"/> sends SIGKILL on Linux; nothing gets to shut down cleanly.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000).ShouldBeTrue("the killed API should exit");
    }

    /// <summary>kill -TERM, as an orchestrator stops a container: the API shuts down gracefully.</summary>
    public async Task TerminateAsync()
    {
        using var kill = System.Diagnostics.Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        kill.ExitCode.ShouldBe(0, "kill -TERM should reach the API");
    }

    /// <returns>The exit code, or null when the process still runs after <paramref name="timeout"/>.</returns>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
                throw new ShouldAssertException($"The API exited with code {_process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"The API did not answer GET /health with 200 within {StartTimeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Until <c>/health/ready</c> answers with another status than <c>starting</c> (the order index, payments and
    /// projections have caught up with the log since the start).</summary>
    public async Task WaitUntilCaughtUpAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new ShouldAssertException($"The API exited with code {_process.ExitCode} before it caught up:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/health/ready");
                var body = await response.Content.ReadAsStringAsync();
                if (!body.Contains("\"status\":\"starting\"", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Busy starting.
            }
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"The API did not catch up with the log within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }
}

/// <summary>A data directory for child processes, deleted at the end.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flashsale-process-tests", Guid.NewGuid().ToString("N"));

    public TempDataDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>Process tests start real servers and measure load: run them alone, not beside the in-memory tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "child processes";
}

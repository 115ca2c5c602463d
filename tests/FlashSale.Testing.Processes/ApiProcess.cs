using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FlashSale.Testing.Processes;

/// <summary>
/// The real API as a child process (<c>dotnet FlashSale.Api.dll</c>), configured through environment variables the
/// way an operator would, in the Production environment. Killed (SIGKILL) on dispose if still running.
/// </summary>
public sealed class ApiProcess : IDisposable, IAsyncDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly StreamWriter? _outputFile;
    private bool _outputClosed;

    private ApiProcess(Process process, Uri baseAddress, StreamWriter? outputFile)
    {
        _process = process;
        _outputFile = outputFile;
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the API and waits until <c>/health</c> answers 200 (and, when <see cref="ApiProcessStart.CatchUpTimeout"/>
    /// is set, until it has caught up with the log); killed again if it does not.</summary>
    public static async Task<ApiProcess> StartAsync(ApiProcessStart start)
    {
        if (!File.Exists(start.Assembly))
            throw new FileNotFoundException($"{start.Assembly} does not exist: build the API first (a project reference copies it next to the tests)", start.Assembly);
        var baseAddress = new Uri($"http://127.0.0.1:{start.Port.ToString(CultureInfo.InvariantCulture)}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = start.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(start.Assembly);
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataDirectory"] = start.DataDirectory;
        foreach (var (key, value) in start.Settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var outputFile = start.OutputFile is null ? null : new StreamWriter(start.OutputFile) { AutoFlush = true };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        }
        catch
        {
            outputFile?.Dispose();
            throw;
        }
        var api = new ApiProcess(process, baseAddress, outputFile);
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await api.WaitUntilHealthyAsync(start.HealthTimeout);
            if (start.CatchUpTimeout is { } catchUp) await api.WaitUntilCaughtUpAsync(catchUp);
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
        if (apiKey is not null) client.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        return client;
    }

    /// <summary>Until a line the process wrote contains <paramref name="text"/>: the output is read on another thread, so a
    /// line written before the start returned may not be in <see cref="Output"/> yet.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The API wrote no line with '{text}' within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>kill -9: <see cref="Process.Kill(bool)"/> sends SIGKILL on Linux; nothing gets to shut down cleanly.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        // Generous: on a loaded machine the kernel may take its time to reap a process with many threads.
        if (!_process.WaitForExit(60_000)) throw new InvalidOperationException($"The killed API (pid {_process.Id}) did not exit within 60 s");
    }

    /// <summary>kill -TERM, as an orchestrator stops a container: the API shuts down gracefully.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {_process.Id} did not reach the API (exit code {kill.ExitCode})");
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

    /// <summary>Until <c>/health/ready</c> answers with another status than <c>starting</c> (the order index, payments and
    /// projections have caught up with the log since the start).</summary>
    public async Task WaitUntilCaughtUpAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before it caught up:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/health/ready");
                var body = await response.Content.ReadAsStringAsync();
                if (!body.Contains("\"status\":\"starting\"", StringComparison.Ordinal)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                // Busy starting.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The API did not catch up with the log within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
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
        if (_outputFile is null) return;
        lock (_outputFile)
        {
            _outputClosed = true;
            _outputFile.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                // Not listening yet, listening but busy starting, or a connection reset while the socket comes up (a bare
                // SocketException from the connect, not wrapped by HttpClient).
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The API did not answer GET /health with 200 within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
        if (_outputFile is null) return;
        // The last lines may still arrive after the dispose (a timed wait for the exit does not wait for them).
        lock (_outputFile)
            if (!_outputClosed) _outputFile.WriteLine(line);
    }
}

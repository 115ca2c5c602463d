using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FlashSale.Benchmarks.Recovery;

/// <summary>
/// Time to ready after a restart: the real API (<c>dotnet FlashSale.Api.dll</c>) started on a copy of the generated log,
/// once to build its projections (warm-up, stopped gracefully), then restarted with the checkpoints (after) and with
/// <c>Restart:FromCheckpoints=false</c> (before: the order index and the pending reservations read the whole log, as
/// releases before ADR 0017 did), each polled until <c>/health/ready</c> no longer says <c>starting</c>.
/// </summary>
internal static class TimeToReady
{
    public sealed record Start(string Name, double LiveSeconds, double ReadySeconds);

    public static async Task<IReadOnlyList<Start>> RunAsync(string source, string dataDirectory, int runs)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "events.db")))
        {
            Directory.CreateDirectory(dataDirectory);
            File.Copy(Path.Combine(source, "events.db"), Path.Combine(dataDirectory, "events.db"));
        }
        var warmUp = await StartAsync("warm-up", dataDirectory, fromCheckpoints: true);
        Console.WriteLine($"warm-up (projections built, sweeper settled) ready in {warmUp.ReadySeconds:F1} s");
        var starts = new List<Start>();
        for (var run = 0; run < runs; run++)
        {
            starts.Add(await StartAsync("after: checkpoints", dataDirectory, fromCheckpoints: true));
            starts.Add(await StartAsync("before: whole log", dataDirectory, fromCheckpoints: false));
        }
        return starts;
    }

    private static async Task<Start> StartAsync(string name, string dataDirectory, bool fromCheckpoints)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FlashSale.Api.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        info.Environment["Operators__ApiKey"] = "bench-operator-key";
        info.Environment["Payments__CallbackSecret"] = new string('s', 32);
        info.Environment["Payments__ProcessorEnabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Restart__FromCheckpoints"] = fromCheckpoints ? "true" : "false";
        var watch = Stopwatch.StartNew();
        using var api = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        api.OutputDataReceived += (_, _) => { };
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        double? live = null;
        while (true)
        {
            if (api.HasExited) throw new InvalidOperationException($"The API exited with {api.ExitCode} during '{name}'.");
            try
            {
                live ??= (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK ? watch.Elapsed.TotalSeconds : null;
                using var ready = await client.GetAsync("/health/ready");
                var status = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
                if (status != "starting") break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                // Not listening yet.
            }
            await Task.Delay(20);
        }
        var started = new Start(name, live ?? watch.Elapsed.TotalSeconds, watch.Elapsed.TotalSeconds);
        using (var term = Process.Start("kill", ["-TERM", api.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        await api.WaitForExitAsync();
        return started;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

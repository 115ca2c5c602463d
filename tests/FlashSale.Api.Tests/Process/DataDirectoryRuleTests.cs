using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace FlashSale.Api.Tests.Process;

/// <summary>
/// The built API started from another working directory (as <c>dotnet path/to/FlashSale.Api.dll</c> from the repository
/// root would be): its appsettings files are read next to the program, and a relative Storage:DataDirectory starts at
/// the working directory, the same rule as the CLI's. The absolute data directory is logged at start.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class DataDirectoryRuleTests : IDisposable
{
    private readonly TempDataDirectory _working = new();

    public void Dispose() => _working.Dispose();

    [Fact]
    public async Task without_configuration_the_data_lands_in_data_under_the_working_directory_and_the_path_is_logged()
    {
        var (files, log) = await StartAndStopAsync(environmentName: "Production");

        var expected = Path.Combine(_working.Path, "data");
        files.ShouldContain(Path.Combine(expected, "events.db"));
        files.ShouldContain(Path.Combine(expected, "readmodels.db"));
        // The JSON console log escapes quotes, so the configured value is not part of the check.
        log.ShouldContain($"Data directory: {expected} (Storage:DataDirectory");
        log.ShouldContain($"relative to the working directory {_working.Path})");
    }

    [Fact]
    public async Task the_programs_appsettings_files_are_applied_when_it_is_started_from_another_directory()
    {
        var environmentName = $"ApiTest{Guid.NewGuid():N}";
        var settings = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environmentName}.json");
        await File.WriteAllTextAsync(settings, """{ "Storage": { "DataDirectory": "shop-data" } }""");
        try
        {
            var (files, log) = await StartAndStopAsync(environmentName);

            files.ShouldContain(Path.Combine(_working.Path, "shop-data", "events.db"));
            files.ShouldNotContain(f => f.StartsWith(Path.Combine(_working.Path, "data"), StringComparison.Ordinal));
            log.ShouldContain($"Data directory: {Path.Combine(_working.Path, "shop-data")}");
        }
        finally
        {
            File.Delete(settings);
        }
    }

    /// <returns>Every file under the working directory once the API answered /health, and what it logged.</returns>
    private async Task<(IReadOnlyList<string> Files, string Log)> StartAndStopAsync(string environmentName)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ApiProcess.FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = _working.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiProcess.ApiAssembly);
        start.Environment.Remove("Storage__DataDirectory");
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        start.Environment["Operators__ApiKey"] = ApiProcess.OperatorKey;
        start.Environment["Payments__CallbackSecret"] = Fixtures.ApiCalls.CallbackSecret;
        start.Environment["Payments__ProcessorEnabled"] = "false";
        var output = new ConcurrentQueue<string>();
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilHealthyAsync(process, baseAddress, output);
            var files = Directory.GetFiles(_working.Path, "*", SearchOption.AllDirectories);
            await Task.Delay(200); // the console logger writes on its own thread
            return (files, string.Join('\n', output));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilHealthyAsync(System.Diagnostics.Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new ShouldAssertException($"The API exited with {process.ExitCode}:\n{string.Join('\n', output)}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"The API did not become healthy:\n{string.Join('\n', output)}");
            await Task.Delay(100);
        }
    }
}

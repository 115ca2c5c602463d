using System.Collections.Concurrent;
using System.Diagnostics;

namespace FlashSale.ReadModels.Tests.Process;

/// <summary>
/// The projection runners in a real child process (<c>dotnet FlashSale.ReadModels.ProjectorHost.dll</c>) over SQLite
/// files; <see cref="Kill"/> is SIGKILL, so nothing gets to shut down cleanly.
/// </summary>
public sealed class ProjectorProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly System.Diagnostics.Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _following = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProjectorProcess(System.Diagnostics.Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "FlashSale.ReadModels.ProjectorHost.dll");

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the host and waits until it has initialised the read store and follows the log.</summary>
    public static async Task<ProjectorProcess> StartAsync(string eventsPath, string readModelsPath, int batchSize)
    {
        File.Exists(HostAssembly).ShouldBeTrue($"{HostAssembly} should be copied next to the tests by the project reference");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { HostAssembly, eventsPath, readModelsPath, batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        var projector = new ProjectorProcess(System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        projector._process.BeginOutputReadLine();
        projector._process.BeginErrorReadLine();
        var exited = projector._process.WaitForExitAsync();
        if (await Task.WhenAny(projector._following.Task, exited, Task.Delay(StartTimeout)) != projector._following.Task)
        {
            projector.Dispose();
            throw new ShouldAssertException($"The projector host did not start following the log:\n{projector.Output}");
        }
        return projector;
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000).ShouldBeTrue("the killed projector should exit");
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line == "following") _following.TrySetResult();
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }
}

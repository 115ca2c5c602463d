using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FlashSale.Testing.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL server: <c>initdb</c> into a fresh directory under /tmp, <c>pg_ctl start</c> on a free loopback
/// port (socket in the same directory), trust authentication, no fsync. PostgreSQL refuses to run as root, so as root
/// both run as the <c>postgres</c> user through <c>runuser</c>. Can be stopped and started again on its port (an outage).
/// Stopped (<c>-m immediate</c>) and deleted on dispose.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _bin;
    private readonly string _directory;

    private LocalPostgres(string bin, string directory, int port)
    {
        (_bin, _directory) = (bin, directory);
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Timeout = 30, CommandTimeout = 120,
        }.ToString();
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<LocalPostgres> StartAsync()
    {
        var bin = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), $"flashsale-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (Environment.IsPrivilegedProcess) await RunAsync("chown", ["postgres", directory]);
        var server = new LocalPostgres(bin, directory, FreePort());
        try
        {
            await server.RunPostgresAsync("initdb", ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
            await server.StartServerAsync();
            return server;
        }
        catch (Exception ex)
        {
            var log = Path.Combine(directory, "server.log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "";
            await server.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}\n{tail}", ex);
        }
    }

    /// <summary>An outage: stops the server (<c>-m fast</c>: open connections are cut, new ones refused) and keeps its data.</summary>
    public Task StopAsync() => RunPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>The end of an outage: the same server, data and port as before <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => StartServerAsync();

    private Task StartServerAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(ConnectionString).Port;
        return RunPostgresAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off " +
            "-c max_connections=200", "start"]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                await RunPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
        }
    }

    private Task RunPostgresAsync(string tool, string[] arguments) => Environment.IsPrivilegedProcess
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }

    /// <summary>initdb and pg_ctl from PATH, else from the newest /usr/lib/postgresql/*/bin (Debian's layout).</summary>
    private static string FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : [];
        return onPath.Concat(versioned).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException("initdb and pg_ctl were found neither on PATH nor under /usr/lib/postgresql/*/bin.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using FlashSale.Api.Logging;
using FlashSale.EventStore;
using System.Net;
using System.Net.Sockets;
using FlashSale.Hosting.Configuration;
using FlashSale.Hosting.Roles;

namespace FlashSale.Api.Configuration;

/// <summary>The API's start-up check: the shared <see cref="ConfigurationCheck"/> and the listening addresses.</summary>
public static class ApiStartupCheck
{
    public const string DryRunFlag = "--dry-run";

    /// <summary>EX_UNAVAILABLE from sysexits.h: the configuration is valid, the event store could not be opened (unreachable, or
    /// its tables missing where this process may not create them).</summary>
    public const int EventStoreUnavailableExitCode = 69;

    /// <summary>Runs the check; on a problem writes its one line to stderr and returns the exit code, else null.</summary>
    public static int? Run(WebApplication app, bool dryRun)
    {
        // Hosted in another process (a test server): that host reports ValidateOnStart's failures itself.
        if (!OwnsTheProcess(app)) return null;
        var problems = ConfigurationCheck.Problems(app.Services, app.Configuration, app.Environment.IsDevelopment()).ToList();
        if (problems.Count == 0) problems.AddRange(PortProblems(app.Configuration["urls"] ?? FlashSaleApi.DefaultUrl));
        if (problems.Count > 0)
        {
            // One line, no stack trace: a supervisor's log shows what to fix. --dry-run lists them all.
            foreach (var problem in dryRun ? problems : problems.Take(1)) Console.Error.WriteLine($"flashsale-api: configuration: {problem}");
            return ConfigurationCheck.ExitCode;
        }
        if (!dryRun) return ProjectorLockProblem(app) ?? EventStoreProblem(app);
        Console.Out.WriteLine("flashsale-api: configuration is valid.");
        return 0;
    }

    /// <summary>Opened here rather than by the first service that needs it: what an operator gets is one line naming what to
    /// do, not an unhandled exception with a stack trace (and, on PostgreSQL, Marten's whole DDL). After the projector lock:
    /// opening creates or migrates the log's tables (SQLite, PostgreSQL with CreateSchema), which a process refused for the
    /// lock must leave to the one that holds it.</summary>
    private static int? EventStoreProblem(WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IEventStore>();
            return null;
        }
        catch (EventStoreUnavailableException e)
        {
            Console.Error.WriteLine($"flashsale-api: event store: {e.Message}");
            // It never projected: the lock is free again and names no holder, for the next start.
            if (RoleServices.NeedsProjectorLock(app.Services)) app.Services.GetRequiredService<ProjectorLock>().Release();
            return EventStoreUnavailableExitCode;
        }
    }

    /// <summary>A projector without a lease on an embedded read store takes the data directory's lock for its life, or stops.
    /// First of the checks that touch a store: a refused process opens nothing the holder uses.</summary>
    private static int? ProjectorLockProblem(WebApplication app)
    {
        if (!RoleServices.NeedsProjectorLock(app.Services)) return null;
        var projectorLock = app.Services.GetRequiredService<ProjectorLock>();
        if (projectorLock.TryAcquire(DateTimeOffset.UtcNow) is { } held)
        {
            Console.Error.WriteLine($"flashsale-api: {held}");
            return ProjectorLock.ExitCode;
        }
        if (projectorLock.StalePrevious is { } stale)
            app.Logger.ProjectorLockTakenOver(stale);
        return null;
    }

    private static bool OwnsTheProcess(WebApplication app) =>
        app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().Assembly.GetName().Name == "Microsoft.AspNetCore.Server.Kestrel.Core";

    private static IEnumerable<string> PortProblems(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                    UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                if (uri is null) yield return $"urls '{url}' is not a URL: use e.g. http://127.0.0.1:5080 (several separated by ';').";
                continue;
            }
            var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host, out var parsed) ? parsed : IPAddress.Any;
            if (InUse(address, uri.Port)) yield return $"urls '{url}': port {uri.Port} is in use: stop what listens there or choose another port.";
        }
    }

    private static bool InUse(IPAddress address, int port)
    {
        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }
}

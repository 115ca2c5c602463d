using FlashSale.Api.Logging;
using FlashSale.Application.CommandPath;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Shutdown;

/// <summary>
/// The order of a stop, all within <see cref="ShutdownOptions.TimeoutSeconds"/> (the host's shutdown timeout):
/// <list type="number">
/// <item>ApplicationStopping: readiness turns 503 <c>stopping</c>, new requests get 503 <c>server.stopping</c> +
/// <c>Connection: close</c> (<see cref="StoppingRequests"/>), payments start no new charge.</item>
/// <item>The drain (<see cref="StoppingAsync"/>): the server keeps listening for <see cref="ShutdownOptions.DrainSeconds"/>,
/// so a load balancer sees the 503s and takes the instance out.</item>
/// <item>The server stops: it closes the listener and waits for the requests in flight, whose commands are decided,
/// appended and answered as usual.</item>
/// <item>The hosted services stop: projections apply what has arrived and leave their checkpoint, payments finish the
/// charge in progress and give up the lease.</item>
/// <item><see cref="StoppedAsync"/>: the command path takes no more and drains what is queued (the sweeper's, a late
/// charge's), so nothing decided is left unanswered.</item>
/// </list>
/// </summary>
public sealed class GracefulShutdown(IOptions<ShutdownOptions> options, IServer server, IServiceProvider services, TimeProvider clock,
    ILogger<GracefulShutdown> logger) : IHostedLifecycleService
{
    // Taken at start: when the host is stopped twice (the app's run, then its owner), the second finds the services disposed.
    private readonly ItemCommandPath? _commands = services.GetService<ItemCommandPath>();

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        logger.ShutdownStarted(StoppingRequests.Code, drain);
        // An in-process test server has no load balancer in front of it to tell.
        if (!ListensOnTheNetwork(server) || drain <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(drain, clock, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout is shorter than the drain: stop now.
        }
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_commands is not { } commands) return;
        var queued = commands.ActiveWriters.Sum(w => w.QueueLength);
        try
        {
            await commands.DisposeAsync().AsTask().WaitAsync(cancellationToken);
            logger.ShutdownDrained(queued);
        }
        catch (OperationCanceledException)
        {
            logger.ShutdownDrainTimedOut(queued);
        }
    }

    private static bool ListensOnTheNetwork(IServer server) =>
        server.GetType().Assembly.GetName().Name == "Microsoft.AspNetCore.Server.Kestrel.Core";

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

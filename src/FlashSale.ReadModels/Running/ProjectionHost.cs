using System.Diagnostics;
using FlashSale.EventStore;
using FlashSale.EventStore.Logging;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using FlashSale.Subscriptions.Leases;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.ReadModels.Running;

/// <summary>Initialises the read store before the host serves, then runs one <see cref="ProjectionRunner"/> for all
/// projections (one read and one decode of each event, whatever the number of projections) — while this process holds
/// the projector lease, when one is registered; a standby runs nothing until it takes the lease over.</summary>
public sealed class ProjectionHost(IReadOnlyList<IProjection> projections, IEventStore events, IReadModelStore store,
    ProjectionProgress progress, LogFollowers followers, IOptions<ReadModelOptions> options, TimeProvider clock, ILoggerFactory loggers,
    IProjectorLease? lease = null, IOptions<ProjectorOptions>? projector = null)
    : BackgroundService
{
    /// <summary>The most a stop waits for the runner to apply what has reached it (the last orders of a drain).</summary>
    private static readonly TimeSpan FinalBatches = TimeSpan.FromSeconds(5);

    private ProjectionRunner? _runner;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(projections, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunProjections) return Task.CompletedTask;
        if (lease is null) return Task.Run(() => NewRunner().RunAsync(stoppingToken), stoppingToken);
        var renewEvery = TimeSpan.FromSeconds(projector?.Value.LeaseRenewSeconds ?? 2);
        return Task.Run(() => lease.RunWhileHeldAsync(renewEvery, token => NewRunner().RunAsync(token), clock,
            loggers.CreateLogger<ProjectionHost>(), stoppingToken), stoppingToken);
    }

    private ProjectionRunner NewRunner() =>
        _runner = new(projections, events, store, progress, options.Value, clock, loggers.CreateLogger<ProjectionRunner>(), followers,
            loggers.CreateLogger(LogEvents.OrderLinesCategory));

    /// <summary>A graceful stop lets a live runner commit what it has received before it is cancelled, so the checkpoint
    /// it leaves covers the orders taken up to the stop; a stalled store does not hold the stop up.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (_runner?.Status is { State: FollowerState.Live } status && (status.Buffered > 0 || status.IsBehind)
               && waited.Elapsed < FinalBatches && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await base.StopAsync(cancellationToken);
    }
}

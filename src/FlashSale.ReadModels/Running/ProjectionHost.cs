using FlashSale.EventStore;
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
        new(projections, events, store, progress, options.Value, clock, loggers.CreateLogger<ProjectionRunner>(), followers);
}

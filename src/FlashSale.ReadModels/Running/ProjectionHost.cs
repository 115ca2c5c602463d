using FlashSale.EventStore;
using FlashSale.EventStore.Logging;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.ReadModels.Running;

/// <summary>Initialises the read store before the host serves, then runs one <see cref="ProjectionRunner"/> for all
/// projections (one read and one decode of each event, whatever the number of projections).</summary>
public sealed class ProjectionHost(IReadOnlyList<IProjection> projections, IEventStore events, IReadModelStore store,
    ProjectionProgress progress, LogFollowers followers, IOptions<ReadModelOptions> options, TimeProvider clock, ILoggerFactory loggers)
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
        var runner = new ProjectionRunner(projections, events, store, progress, options.Value, clock,
            loggers.CreateLogger<ProjectionRunner>(), followers, loggers.CreateLogger(LogEvents.OrderLinesCategory));
        return Task.Run(() => runner.RunAsync(stoppingToken), stoppingToken);
    }
}

using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.ReadModels.Running;

/// <summary>Initialises the read store before the host serves, then runs one <see cref="ProjectionRunner"/> per projection.</summary>
public sealed class ProjectionHost(IReadOnlyList<IProjection> projections, IEventStore events, IReadModelStore store,
    ProjectionProgress progress, IOptions<ReadModelOptions> options, TimeProvider clock, ILoggerFactory loggers) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(projections, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunProjections) return Task.CompletedTask;
        var logger = loggers.CreateLogger<ProjectionRunner>();
        return Task.WhenAll(projections.Select(p =>
            Task.Run(() => new ProjectionRunner(p, events, store, progress, options.Value, clock, logger).RunAsync(stoppingToken), stoppingToken)));
    }
}

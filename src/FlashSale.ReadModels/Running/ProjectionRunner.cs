using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// Keeps the live models of a set of projections following the log: ONE <see cref="LogFollower"/> from the earliest of
/// their checkpoints, each event read and decoded once, then applied in batches to every projection that has not seen
/// it, each projection committing its rows + checkpoint together. A moved checkpoint (a swap after a rebuild, another
/// process) or a failure resubscribes from the stored checkpoints, so a kill at any point resumes exactly where each
/// model is.
/// </summary>
public sealed class ProjectionRunner
{
    public const string FollowerName = "projections";

    private readonly LogFollower _follower;

    public ProjectionRunner(IReadOnlyList<IProjection> projections, IEventStore events, IReadModelStore store,
        ProjectionProgress progress, ReadModelOptions options, TimeProvider clock, ILogger logger, LogFollowers? followers = null,
        ILogger? orderLines = null)
    {
        var live = new LiveProjections(projections, events, store, progress, clock, logger, orderLines);
        _follower = new LogFollower(FollowerName, events, live, live, new FollowerOptions
        {
            BatchSize = options.BatchSize,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromSeconds(30),
            ResubscribeAtOnce = ex => ex is CheckpointMovedException,
            FailureLogLevel = LogLevel.Error,
        }, clock, logger, followers);
    }

    public ProjectionRunner(IProjection projection, IEventStore events, IReadModelStore store, ProjectionProgress progress,
        ReadModelOptions options, TimeProvider clock, ILogger logger)
        : this([projection], events, store, progress, options, clock, logger) { }

    public FollowerStatus Status => _follower.Status;

    public Task RunAsync(CancellationToken stoppingToken) => _follower.RunAsync(stoppingToken);
}

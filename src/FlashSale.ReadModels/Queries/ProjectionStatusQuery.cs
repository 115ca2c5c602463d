using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Queries;

/// <summary>Checkpoint, head, lag, state and rebuild progress of every projection, from the stores (so another
/// process, such as the CLI, sees the same) completed by what the runners in this process know.</summary>
public sealed class ProjectionStatusQuery(IReadOnlyList<IProjection> projections, IEventStore events, IReadModelStore store,
    ProjectionProgress progress, RebuildCoordinator rebuilds, TimeProvider clock)
{
    public const int LagCountLimit = 100_000;

    public IProjection? Find(string name) => projections.FirstOrDefault(p => p.Name == name);

    public async Task<IReadOnlyList<ProjectionStatus>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken);
        var head = await events.ReadHeadPositionAsync(cancellationToken);
        var statuses = new List<ProjectionStatus>(projections.Count);
        foreach (var projection in projections)
            statuses.Add(await StatusOf(projection, checkpoints, head, cancellationToken));
        return statuses;
    }

    public async Task<ProjectionStatus?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (Find(name) is not { } projection) return null;
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken);
        return await StatusOf(projection, checkpoints, await events.ReadHeadPositionAsync(cancellationToken), cancellationToken);
    }

    /// <summary>A shadow nobody has written to for this long belongs to a rebuild that died (a killed CLI): it no longer
    /// makes the projection "rebuilding"; the next rebuild replaces it.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private async Task<ProjectionStatus> StatusOf(IProjection projection, IReadOnlyList<ProjectionCheckpoint> checkpoints, LogPosition? head,
        CancellationToken cancellationToken)
    {
        var live = checkpoints.FirstOrDefault(c => c.Projection == projection.Name && c.Slot == ReadModelSlot.Live);
        var shadow = checkpoints.FirstOrDefault(c => c.Projection == projection.Name && c.Slot == ReadModelSlot.Shadow);
        var abandoned = shadow is not null && !rebuilds.IsRunning(projection.Name) && clock.GetUtcNow() - shadow.UpdatedAt > AbandonedAfter;
        var here = progress.StateOf(projection.Name);
        var (lag, atLeast, waiting) = await LagAfter(live?.Position, cancellationToken);
        var rebuild = rebuilds.LatestOf(projection.Name) is { } latest && (rebuilds.IsRunning(projection.Name) || shadow is null)
            ? latest
            : shadow is null ? null
            : RebuildProgress.Estimate(projection.Name, abandoned ? RebuildPhases.Abandoned : RebuildPhases.Replaying, shadow.EventsApplied,
                shadow.Position, head, shadow.StartedAt, shadow.UpdatedAt - shadow.StartedAt);
        var state = (here?.State ?? live?.State) switch
        {
            ProjectionStates.Faulted => ProjectionStates.Faulted,
            _ when (shadow is not null && !abandoned) || rebuilds.IsRunning(projection.Name) => ProjectionStates.Rebuilding,
            { } s => s,
            null => ProjectionStates.Stopped,
        };
        return new ProjectionStatus(projection.Name, state, live?.Position, head, lag, atLeast, waiting, live?.EventsApplied ?? 0,
            await store.CountPoisonEventsAsync(projection.Name, cancellationToken), here?.Error ?? live?.Error,
            live?.UpdatedAt ?? clock.GetUtcNow(), rebuild);
    }

    private async Task<(long Count, bool AtLeast, double WaitingSeconds)> LagAfter(LogPosition? checkpoint, CancellationToken cancellationToken)
    {
        long count = 0;
        DateTimeOffset? oldest = null;
        await foreach (var recorded in events.ReadAllAsync(checkpoint, LagCountLimit, ItemStreams.Filter, cancellationToken))
        {
            oldest ??= recorded.Created;
            count++;
        }
        var waiting = oldest is { } at ? Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds) : 0;
        return (count, count >= LagCountLimit, waiting);
    }
}

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
    ProjectionProgress progress, RebuildCoordinator rebuilds, TimeProvider clock, int lagCountLimit = ProjectionStatusQuery.LagCountLimit)
{
    public const int LagCountLimit = 100_000;

    public IProjection? Find(string name) => projections.FirstOrDefault(p => p.Name == name);

    public async Task<IReadOnlyList<ProjectionStatus>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken);
        var head = await events.ReadHeadPositionAsync(cancellationToken);
        var lags = await LagsAfter(projections.Select(p => LiveCheckpoint(checkpoints, p)?.Position).ToArray(), cancellationToken);
        var statuses = new List<ProjectionStatus>(projections.Count);
        for (var i = 0; i < projections.Count; i++)
            statuses.Add(await StatusOf(projections[i], checkpoints, head, lags[i], cancellationToken));
        return statuses;
    }

    public async Task<ProjectionStatus?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (Find(name) is not { } projection) return null;
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken);
        var head = await events.ReadHeadPositionAsync(cancellationToken);
        var lag = (await LagsAfter([LiveCheckpoint(checkpoints, projection)?.Position], cancellationToken))[0];
        return await StatusOf(projection, checkpoints, head, lag, cancellationToken);
    }

    private static ProjectionCheckpoint? LiveCheckpoint(IReadOnlyList<ProjectionCheckpoint> checkpoints, IProjection projection) =>
        checkpoints.FirstOrDefault(c => c.Projection == projection.Name && c.Slot == ReadModelSlot.Live);

    /// <summary>A shadow nobody has written to for this long belongs to a rebuild that died (a killed CLI): it no longer
    /// makes the projection "rebuilding"; the next rebuild replaces it.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private async Task<ProjectionStatus> StatusOf(IProjection projection, IReadOnlyList<ProjectionCheckpoint> checkpoints, LogPosition? head,
        Lag lagAfter, CancellationToken cancellationToken)
    {
        var live = LiveCheckpoint(checkpoints, projection);
        var shadow = checkpoints.FirstOrDefault(c => c.Projection == projection.Name && c.Slot == ReadModelSlot.Shadow);
        var abandoned = shadow is not null && !rebuilds.IsRunning(projection.Name) && clock.GetUtcNow() - shadow.UpdatedAt > AbandonedAfter;
        var here = progress.StateOf(projection.Name);
        var (lag, atLeast, waiting) = lagAfter;
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

    private readonly record struct Lag(long Count, bool AtLeast, double WaitingSeconds);

    /// <summary>The lag of every distinct checkpoint: the item events after it, counted by the event store up to
    /// <see cref="LagCountLimit"/> (SQLite counts them without reading them, ADR 0035), and the first of them read for how
    /// long it has waited. The metrics ask every few seconds, whether or not the projector runs in this process.</summary>
    private async Task<Lag[]> LagsAfter(IReadOnlyList<LogPosition?> checkpoints, CancellationToken cancellationToken)
    {
        var lags = new Lag[checkpoints.Count];
        for (var i = 0; i < checkpoints.Count; i++)
        {
            var same = checkpoints.Take(i).ToList().IndexOf(checkpoints[i]);
            lags[i] = same >= 0 ? lags[same] : await LagAfter(checkpoints[i], cancellationToken);
        }
        return lags;
    }

    private async Task<Lag> LagAfter(LogPosition? checkpoint, CancellationToken cancellationToken)
    {
        var count = await events.CountAfterAsync(checkpoint, lagCountLimit, ItemStreams.Filter, cancellationToken);
        DateTimeOffset? first = null;
        if (count > 0)
            await foreach (var recorded in events.ReadAllAsync(checkpoint, 1, ItemStreams.Filter, cancellationToken))
                first = recorded.Created;
        return new Lag(count, count >= lagCountLimit, WaitingSince(first));
    }

    private double WaitingSince(DateTimeOffset? oldest) => oldest is { } at ? Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds) : 0;
}

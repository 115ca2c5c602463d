using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Handling;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// The live models of a set of projections as one log handler. Its checkpoint is the read store's: each projection
/// commits its rows and checkpoint together (all of them in one transaction per batch, ADR 0026), so loading the checkpoints (before every subscription) also sets up
/// one writer per projection at its own position, and the follower resumes from the earliest of them. A checkpoint that is
/// not on the log (<see cref="CheckpointOnLog"/>) is reset in place first (ADR 0020): that projection replays the log from the
/// start, in state rebuilding with the reason until it has caught up.
/// </summary>
/// <param name="orderLines">The optional per-order lines (<c>Logging:OrderLines</c>); null when the host has none.</param>
internal sealed class LiveProjections(IReadOnlyList<IProjection> projections, IEventStore events, IReadModelStore store,
    ProjectionProgress progress, TimeProvider clock, ILogger logger, ILogger? orderLines = null) : ILogHandler, ICheckpointStore
{
    private List<ProjectionWriter> _writers = [];

    /// <summary>Projections replaying after a reset, with why: they stay rebuilding over resubscriptions until caught up.</summary>
    private readonly Dictionary<string, string> _rebuilding = new(StringComparer.Ordinal);

    public async ValueTask<LogPosition?> LoadAsync(CancellationToken cancellationToken)
    {
        var resumed = new List<ProjectionWriter>(projections.Count);
        foreach (var projection in projections) resumed.Add(await ResumeAsync(projection, cancellationToken));
        var head = await events.ReadHeadPositionAsync(cancellationToken);
        var writers = new List<ProjectionWriter>(projections.Count);
        foreach (var resumedWriter in resumed)
        {
            var (writer, projection) = (resumedWriter, resumedWriter.Projection);
            if (await CheckpointOnLog.WhyNotFollowableAsync(events, writer.Position, writer.Checkpoint.Event, head, cancellationToken) is { } why)
            {
                logger.ProjectionCheckpointNotOnLog(projection.Name, why);
                _rebuilding[projection.Name] = $"Rebuilding from the start of the log: {why}.";
                await store.ResetLiveAsync(projection, _rebuilding[projection.Name], cancellationToken);
                writer = await ResumeAsync(projection, cancellationToken);
            }
            writers.Add(writer);
            var (state, reason) = _rebuilding.TryGetValue(projection.Name, out var because)
                ? (ProjectionStates.Rebuilding, because)
                : (ProjectionStates.Running, null);
            await store.SetStateAsync(projection.Name, ReadModelSlot.Live, state, reason, cancellationToken);
            progress.SetState(projection.Name, state, reason);
            progress.Report(projection.Name, writer.Position);
        }
        _writers = writers;
        // A projection with no checkpoint starts from the beginning, so the subscription does too.
        return writers.Any(w => w.Position is null) ? null : writers.Min(w => w.Position);
    }

    private async Task<ProjectionWriter> ResumeAsync(IProjection projection, CancellationToken cancellationToken) =>
        await ProjectionWriter.ResumeLiveAsync(projection, store, clock, cancellationToken, logger)
        ?? throw new InvalidOperationException($"Projection '{projection.Name}' has no checkpoint; the read store is not initialised.");

    /// <summary>The writers commit the checkpoints with the rows.</summary>
    public ValueTask StoreAsync(LogPosition position, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask HandleAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        var decoded = DecodedEvent.FromAll(batch.Events);
        var prepared = new List<ProjectionWriter.PreparedBatch>(_writers.Count);
        foreach (var writer in _writers)
        {
            // Only a projection behind the others (just after a start or a swap) skips part of a batch.
            var unseen = writer.Position is { } at && decoded[0].Recorded.Position <= at
                ? decoded.Where(d => d.Recorded.Position > at).ToList()
                : decoded;
            try
            {
                if (await writer.PrepareAsync(unseen, cancellationToken) is { } ready) prepared.Add(ready);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.BatchFailed(ex, writer.Projection.Name, unseen);
                throw;
            }
        }
        await CommitAsync(prepared, decoded, cancellationToken);
        foreach (var writer in _writers) progress.Report(writer.Projection.Name, writer.Position);
        orderLines?.OrdersProjected(batch, clock.GetUtcNow());
    }

    /// <summary>Every projection's part of a batch in one transaction (ADR 0026): one connection, one write lock and one
    /// commit per batch rather than one per projection. All or none: a moved checkpoint or a failure leaves every
    /// projection where it was, and the follower resubscribes from their checkpoints.</summary>
    private async Task CommitAsync(List<ProjectionWriter.PreparedBatch> prepared, List<DecodedEvent> decoded, CancellationToken cancellationToken)
    {
        if (prepared.Count == 0) return;
        ProjectionCommit? moved;
        try
        {
            moved = await store.CommitAllAsync([.. prepared.Select(p => p.Commit)], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.BatchFailed(ex, string.Join(", ", prepared.Select(p => p.Commit.Projection.Name)), decoded);
            throw;
        }
        if (moved is not null) throw prepared.First(p => ReferenceEquals(p.Commit, moved)).Writer.Moved();
        foreach (var ready in prepared) ready.Writer.Committed(ready);
    }

    public async ValueTask CaughtUpAsync(LogPosition? position, CancellationToken cancellationToken)
    {
        logger.ProjectionCaughtUp([.. projections.Select(p => p.Name)], position?.ToToken() ?? "start");
        foreach (var projection in _rebuilding.Keys.ToList())
        {
            await store.SetStateAsync(projection, ReadModelSlot.Live, ProjectionStates.Running, null, cancellationToken);
            progress.SetState(projection, ProjectionStates.Running, null);
            _rebuilding.Remove(projection);
        }
    }

    public async ValueTask FaultedAsync(Exception error)
    {
        foreach (var projection in projections) progress.SetState(projection.Name, ProjectionStates.Faulted, error.Message);
        await TrySetStoredState(ProjectionStates.Faulted, error.Message);
    }

    public ValueTask StoppedAsync() => new(TrySetStoredState(ProjectionStates.Stopped, null));

    private async Task TrySetStoredState(string state, string? error)
    {
        foreach (var projection in projections)
        {
            try
            {
                await store.SetStateAsync(projection.Name, ReadModelSlot.Live, state, error, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.ProjectionStateNotRecorded(ex, state, projection.Name);
            }
        }
    }
}

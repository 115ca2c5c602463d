using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Handling;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// The live models of a set of projections as one log handler. Its checkpoint is the read store's: each projection
/// commits its rows and checkpoint together, so loading the checkpoints (before every subscription) also sets up
/// one writer per projection at its own position, and the follower resumes from the earliest of them.
/// </summary>
/// <param name="orderLines">The optional per-order lines (<c>Logging:OrderLines</c>); null when the host has none.</param>
internal sealed class LiveProjections(IReadOnlyList<IProjection> projections, IReadModelStore store, ProjectionProgress progress,
    TimeProvider clock, ILogger logger, ILogger? orderLines = null) : ILogHandler, ICheckpointStore
{
    private List<ProjectionWriter> _writers = [];

    public async ValueTask<LogPosition?> LoadAsync(CancellationToken cancellationToken)
    {
        var writers = new List<ProjectionWriter>(projections.Count);
        foreach (var projection in projections)
        {
            var checkpoint = await store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Live, cancellationToken)
                ?? throw new InvalidOperationException($"Projection '{projection.Name}' has no checkpoint; the read store is not initialised.");
            writers.Add(new ProjectionWriter(projection, ReadModelSlot.Live, store, checkpoint, clock, logger: logger));
            await store.SetStateAsync(projection.Name, ReadModelSlot.Live, ProjectionStates.Running, null, cancellationToken);
            progress.SetState(projection.Name, ProjectionStates.Running, null);
            progress.Report(projection.Name, checkpoint.Position);
        }
        _writers = writers;
        // A projection with no checkpoint starts from the beginning, so the subscription does too.
        return writers.Any(w => w.Position is null) ? null : writers.Min(w => w.Position);
    }

    /// <summary>The writers commit the checkpoints with the rows.</summary>
    public ValueTask StoreAsync(LogPosition position, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask HandleAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        var decoded = DecodedEvent.FromAll(batch.Events);
        foreach (var writer in _writers)
        {
            // Only a projection behind the others (just after a start or a swap) skips part of a batch.
            var unseen = writer.Position is { } at && decoded[0].Recorded.Position <= at
                ? decoded.Where(d => d.Recorded.Position > at).ToList()
                : decoded;
            try
            {
                await writer.ApplyAsync(unseen, cancellationToken);
            }
            catch (Exception ex) when (ex is not (CheckpointMovedException or OperationCanceledException))
            {
                logger.BatchFailed(ex, writer.Projection.Name, unseen);
                throw;
            }
            progress.Report(writer.Projection.Name, writer.Position);
        }
        orderLines?.OrdersProjected(batch, clock.GetUtcNow());
    }

    public ValueTask CaughtUpAsync(LogPosition? position, CancellationToken cancellationToken)
    {
        logger.ProjectionCaughtUp([.. projections.Select(p => p.Name)], position?.ToToken() ?? "start");
        return ValueTask.CompletedTask;
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

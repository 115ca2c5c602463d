using FlashSale.Contracts;
using System.Threading.Channels;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// Keeps the live models of a set of projections following the log: ONE subscription from the earliest of their
/// checkpoints, each event read and decoded once, then applied in batches to every projection that has not seen it,
/// each projection committing its rows + checkpoint together. A moved checkpoint (a swap after a rebuild, another
/// process) or a failure restarts it from the stored checkpoints, so a kill at any point resumes exactly where each
/// model is.
/// </summary>
public sealed class ProjectionRunner(IReadOnlyList<IProjection> projections, IEventStore events, IReadModelStore store,
    ProjectionProgress progress, ReadModelOptions options, TimeProvider clock, ILogger logger)
{
    public ProjectionRunner(IProjection projection, IEventStore events, IReadModelStore store, ProjectionProgress progress,
        ReadModelOptions options, TimeProvider clock, ILogger logger)
        : this([projection], events, store, progress, options, clock, logger) { }

    private string Names => string.Join(", ", projections.Select(p => p.Name));

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (CheckpointMovedException moved)
            {
                logger.LogInformation("{Reason} Resuming from the stored checkpoints", moved.Message);
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Projections {Projections} faulted; restarting from their checkpoints in {Delay}", Names, backoff);
                foreach (var projection in projections) progress.SetState(projection.Name, ProjectionStates.Faulted, ex.Message);
                await TrySetStoredState(ProjectionStates.Faulted, ex.Message);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
        await TrySetStoredState(ProjectionStates.Stopped, null);
    }

    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        var writers = new List<ProjectionWriter>(projections.Count);
        foreach (var projection in projections)
        {
            var checkpoint = await store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Live, stoppingToken)
                ?? throw new InvalidOperationException($"Projection '{projection.Name}' has no checkpoint; the read store is not initialised.");
            writers.Add(new ProjectionWriter(projection, ReadModelSlot.Live, store, checkpoint, clock));
            await store.SetStateAsync(projection.Name, ReadModelSlot.Live, ProjectionStates.Running, null, stoppingToken);
            progress.SetState(projection.Name, ProjectionStates.Running, null);
            progress.Report(projection.Name, checkpoint.Position);
        }
        // A projection with no checkpoint starts from the beginning, so the subscription does too.
        var from = writers.Any(w => w.Position is null) ? null : writers.Min(w => w.Position);
        logger.LogInformation("Projections {Projections} following the log from {Position}", Names, from?.ToToken() ?? "start");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var arrived = Channel.CreateBounded<RecordedEvent>(new BoundedChannelOptions(options.BatchSize * 4) { SingleReader = true, SingleWriter = true });
        var pump = PumpAsync(from, arrived.Writer, stop.Token);
        try
        {
            var batch = new List<RecordedEvent>(options.BatchSize);
            while (await arrived.Reader.WaitToReadAsync(stop.Token))
            {
                while (batch.Count < options.BatchSize && arrived.Reader.TryRead(out var next)) batch.Add(next);
                var decoded = DecodedEvent.DecodeAll(batch);
                foreach (var writer in writers)
                {
                    // Only a projection behind the others (just after a start or a swap) skips part of a batch.
                    var unseen = writer.Position is { } at && decoded[0].Recorded.Position <= at
                        ? decoded.Where(d => d.Recorded.Position > at).ToList()
                        : decoded;
                    await writer.ApplyAsync(unseen, stoppingToken);
                    progress.Report(writer.Projection.Name, writer.Position);
                }
                batch.Clear();
            }
            await pump; // the subscription ended: surface why
        }
        finally
        {
            await stop.CancelAsync();
            try { await pump; } catch (Exception) when (stop.IsCancellationRequested) { }
        }
    }

    private async Task PumpAsync(LogPosition? from, ChannelWriter<RecordedEvent> arrived, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var recorded in events.SubscribeToAllAsync(from, ItemStreams.Filter, cancellationToken))
                await arrived.WriteAsync(recorded, cancellationToken);
            arrived.Complete();
        }
        catch (Exception ex)
        {
            arrived.Complete(ex);
            throw;
        }
    }

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
                logger.LogWarning(ex, "Could not record state {State} of projection {Projection}", state, projection.Name);
            }
        }
    }
}

using System.Threading.Channels;
using FlashSale.Application.CommandPath;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// Keeps one projection's live model following the log: subscribes from its checkpoint, applies what has arrived in
/// batches, commits rows + checkpoint together. A moved checkpoint (a swap after a rebuild, another process) or a
/// failure restarts it from the stored checkpoint, so a kill at any point resumes exactly where the model is.
/// </summary>
public sealed class ProjectionRunner(IProjection projection, IEventStore events, IReadModelStore store, ProjectionProgress progress,
    ReadModelOptions options, TimeProvider clock, ILogger logger)
{
    public IProjection Projection => projection;

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
            catch (CheckpointMovedException)
            {
                logger.LogInformation("Projection {Projection}: checkpoint moved by another writer; resuming from it", projection.Name);
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Projection {Projection} faulted; restarting from its checkpoint in {Delay}", projection.Name, backoff);
                progress.SetState(projection.Name, ProjectionStates.Faulted, ex.Message);
                await TrySetStoredState(ProjectionStates.Faulted, ex.Message);
                await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
        await TrySetStoredState(ProjectionStates.Stopped, null);
    }

    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        var checkpoint = await store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Live, stoppingToken)
            ?? throw new InvalidOperationException($"Projection '{projection.Name}' has no checkpoint; the read store is not initialised.");
        var writer = new ProjectionWriter(projection, ReadModelSlot.Live, store, checkpoint, clock);
        await store.SetStateAsync(projection.Name, ReadModelSlot.Live, ProjectionStates.Running, null, stoppingToken);
        progress.SetState(projection.Name, ProjectionStates.Running, null);
        progress.Report(projection.Name, writer.Position);
        logger.LogInformation("Projection {Projection} following the log from {Position}", projection.Name, writer.Position?.ToToken() ?? "start");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var arrived = Channel.CreateBounded<RecordedEvent>(new BoundedChannelOptions(options.BatchSize * 4) { SingleReader = true, SingleWriter = true });
        var pump = PumpAsync(writer.Position, arrived.Writer, stop.Token);
        try
        {
            var batch = new List<RecordedEvent>(options.BatchSize);
            while (await arrived.Reader.WaitToReadAsync(stop.Token))
            {
                while (batch.Count < options.BatchSize && arrived.Reader.TryRead(out var next)) batch.Add(next);
                await writer.ApplyAsync(batch, stoppingToken);
                progress.Report(projection.Name, writer.Position);
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

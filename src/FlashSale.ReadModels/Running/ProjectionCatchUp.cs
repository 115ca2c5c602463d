using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// Brings a projection's live model up to the current head once, then stops: for processes that do not run the
/// projection host (the CLI). Safe next to a running host: both commit with compare-and-set on the checkpoint, and a
/// moved checkpoint just means the other one got there first.
/// </summary>
public sealed class ProjectionCatchUp(IEventStore events, IReadModelStore store, ReadModelOptions options, TimeProvider clock)
{
    /// <returns>The number of events this call applied.</returns>
    public async Task<long> RunToHeadAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        var head = await events.ReadHeadPositionAsync(cancellationToken);
        long applied = 0;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var writer = await ProjectionWriter.ResumeLiveAsync(projection, store, clock, cancellationToken)
                ?? throw new InvalidOperationException($"Projection '{projection.Name}' has no checkpoint; the read store is not initialised.");
            try
            {
                while (head is not null && !(writer.Position >= head))
                {
                    var page = await events.ReadAllAsync(writer.Position, options.BatchSize, ItemStreams.Filter, cancellationToken)
                        .ToListAsync(cancellationToken);
                    if (page.Count == 0) break;
                    await writer.ApplyAsync(page, cancellationToken);
                    applied += page.Count;
                }
                return applied;
            }
            catch (CheckpointMovedException)
            {
                // Someone else advanced it: start again from their checkpoint.
            }
        }
        throw new InvalidOperationException($"Projection '{projection.Name}' kept moving under this catch-up; is another process rebuilding it?");
    }
}

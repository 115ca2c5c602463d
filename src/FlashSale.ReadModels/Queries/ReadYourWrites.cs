using FlashSale.EventStore;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Options;

namespace FlashSale.ReadModels.Queries;

/// <summary>Waits (bounded) until a projection has applied the log up to a client's consistency token.</summary>
public sealed class ReadYourWrites(IReadModelStore store, ProjectionProgress progress, IOptions<ReadModelOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(25);

    /// <returns>Null when the projection reached <paramref name="minimum"/>; otherwise the checkpoint it is still at.</returns>
    public async Task<Behind?> WaitForAsync(string projection, LogPosition minimum, CancellationToken cancellationToken = default)
    {
        var deadline = clock.GetUtcNow() + TimeSpan.FromMilliseconds(options.Value.MinPositionWaitMs);
        while (true)
        {
            var moved = progress.NextMove(projection);
            var checkpoint = (await store.ReadCheckpointAsync(projection, ReadModelSlot.Live, cancellationToken))?.Position;
            if (checkpoint >= minimum) return null;
            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero) return new Behind(projection, checkpoint, minimum);
            // Another process may run the projection, so poll as well as listen.
            await Task.WhenAny(moved, Task.Delay(left < PollEvery ? left : PollEvery, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public sealed record Behind(string Projection, LogPosition? Checkpoint, LogPosition Requested);
}

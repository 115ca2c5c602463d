using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Checkpoints;

/// <summary>
/// A checkpoint that lives as long as the process, like <see cref="InMemoryCheckpoint"/>, but whose first load restores
/// persisted state and starts where that state stands: the follower then reads only the log after it. Later loads (a
/// resubscription) answer the position handled since.
/// </summary>
/// <param name="restore">Loads the persisted state into the consumer and returns the position it stands at, or null to read
/// the whole log (nothing persisted, or it could not be read).</param>
public sealed class RestoredCheckpoint(Func<CancellationToken, Task<LogPosition?>> restore) : ICheckpointStore
{
    private readonly InMemoryCheckpoint _handled = new();
    private bool _restored;

    public async ValueTask<LogPosition?> LoadAsync(CancellationToken cancellationToken)
    {
        if (_restored) return _handled.Position;
        var position = await restore(cancellationToken);
        _restored = true;
        if (position is { } restoredAt) await _handled.StoreAsync(restoredAt, cancellationToken);
        return position;
    }

    public ValueTask StoreAsync(LogPosition position, CancellationToken cancellationToken) => _handled.StoreAsync(position, cancellationToken);
}

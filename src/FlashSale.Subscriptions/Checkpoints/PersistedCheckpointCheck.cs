using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Checkpoints;

/// <summary>
/// State persisted up to a checkpoint is only the log's state if the log still reaches that checkpoint. After the event
/// store was restored from an older backup (or replaced) while the read store was kept, a checkpoint lies beyond the
/// head: starting from it would keep orders and reservations the log no longer has, and a payments worker would charge
/// reservations nobody made.
/// </summary>
public static class PersistedCheckpointCheck
{
    /// <exception cref="PersistedCheckpointAheadException">The checkpoint is beyond the log's head.</exception>
    public static async Task EnsureWithinLogAsync(IEventStore store, string what, LogPosition checkpoint, CancellationToken cancellationToken)
    {
        var head = await store.ReadHeadPositionAsync(cancellationToken);
        if (head is null || checkpoint > head.Value)
            throw new PersistedCheckpointAheadException(
                $"The persisted {what} are at position {checkpoint.ToToken()}, beyond the log's head ({head?.ToToken() ?? "an empty log"}): " +
                "the event store was restored or replaced while the read store was kept.");
    }
}

public sealed class PersistedCheckpointAheadException(string message) : InvalidOperationException(message);

using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Checkpoints;

/// <summary>Where a follower resumes: read before every (re)subscription, written after every handled batch.</summary>
public interface ICheckpointStore
{
    /// <summary>The position of the last event handled, or null to start from the beginning of the log.</summary>
    ValueTask<LogPosition?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Records that every event up to <paramref name="position"/> has been handled.</summary>
    ValueTask StoreAsync(LogPosition position, CancellationToken cancellationToken);
}

using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Handling;

/// <summary>
/// What a <see cref="Following.LogFollower"/> feeds: batches in log order, each event exactly once per subscription. A
/// throw from any method but <see cref="StoppedAsync"/> counts as a drop: the follower resubscribes from its checkpoint.
/// </summary>
public interface ILogHandler
{
    /// <summary>Handles one batch. The follower stores the checkpoint after it returns.</summary>
    ValueTask HandleAsync(LogBatch batch, CancellationToken cancellationToken);

    /// <summary>Called once, the first time the follower reaches the head of the log it saw when it subscribed, before
    /// any live batch.</summary>
    ValueTask CaughtUpAsync(LogPosition? position, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Called after a failure, before the follower waits to resubscribe. Must not throw.</summary>
    ValueTask FaultedAsync(Exception error) => ValueTask.CompletedTask;

    /// <summary>Called once when the follower stops (cancelled). Must not throw.</summary>
    ValueTask StoppedAsync() => ValueTask.CompletedTask;
}

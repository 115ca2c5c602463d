using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Checkpoints;

/// <summary>
/// The one rule for state persisted up to a checkpoint (the read models, the order index, the pending reservations): it is
/// the log's state only on the log it was written from (ADR 0020). After the event store was restored from an older backup
/// or replaced while the read store was kept, a checkpoint can lie beyond the new log's head: following it would keep
/// stock, orders and reservations the log no longer holds (a payments worker would charge reservations nobody made), and
/// skip the new log's events until they pass the old position.
/// </summary>
public static class CheckpointOnLog
{
    /// <returns>Why the state persisted up to <paramref name="checkpoint"/> must not be followed on <paramref name="log"/>, or
    /// null when it may (no checkpoint: the state starts from the beginning of the log anyway).</returns>
    public static async Task<string?> WhyNotFollowableAsync(IEventStore log, LogPosition? checkpoint, CancellationToken cancellationToken) =>
        checkpoint is null ? null : WhyNotFollowable(checkpoint, await log.ReadHeadPositionAsync(cancellationToken));

    /// <param name="head">The log's head, read after the checkpoint: on the log it was written from, never behind it.</param>
    public static string? WhyNotFollowable(LogPosition? checkpoint, LogPosition? head) =>
        checkpoint is { } at && (head is null || at > head.Value)
            ? $"its checkpoint {at.ToToken()} is beyond the log's head ({head?.ToToken() ?? "an empty log"}): the event store was " +
              "restored or replaced while the read store was kept"
            : null;

    /// <summary>For state restored in memory (the order index, the pending reservations), which then reads the whole log.</summary>
    /// <param name="what">What the state is, for the message ("order index").</param>
    /// <exception cref="CheckpointNotOnLogException">The checkpoint is not on the log.</exception>
    public static async Task EnsureFollowableAsync(IEventStore log, string what, LogPosition checkpoint, CancellationToken cancellationToken)
    {
        if (await WhyNotFollowableAsync(log, checkpoint, cancellationToken) is { } why)
            throw new CheckpointNotOnLogException($"The persisted {what} cannot be followed: {why}.");
    }
}

public sealed class CheckpointNotOnLogException(string message) : InvalidOperationException(message);

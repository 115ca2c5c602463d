using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Checkpoints;

/// <summary>
/// The one rule for state persisted up to a checkpoint (the read models, the order index, the pending reservations): it is
/// the log's state only on the log it was written from (ADR 0020). After the event store was restored from an older backup
/// or replaced while the read store was kept, a checkpoint can lie beyond the new log's head, or the new log can have grown
/// past it with other events: following it would keep stock, orders and reservations the log no longer holds (a payments
/// worker would charge reservations nobody made), and skip the new log's events up to the old position.
/// </summary>
public static class CheckpointOnLog
{
    /// <param name="at">The event the checkpoint was taken at; null for a checkpoint stored before it was recorded, which is
    /// then only checked against the head.</param>
    /// <returns>Why the state persisted up to <paramref name="checkpoint"/> must not be followed on <paramref name="log"/>, or
    /// null when it may (no checkpoint: the state starts from the beginning of the log anyway).</returns>
    public static async Task<string?> WhyNotFollowableAsync(IEventStore log, LogPosition? checkpoint, CheckpointEvent? at,
        CancellationToken cancellationToken) =>
        checkpoint is null ? null : await WhyNotFollowableAsync(log, checkpoint, at, await log.ReadHeadPositionAsync(cancellationToken), cancellationToken);

    /// <param name="head">The log's head, read after the checkpoint: on the log it was written from, never behind it.</param>
    public static async Task<string?> WhyNotFollowableAsync(IEventStore log, LogPosition? checkpoint, CheckpointEvent? at, LogPosition? head,
        CancellationToken cancellationToken)
    {
        if (checkpoint is not { } position) return null;
        if (head is null || position > head.Value)
            return $"its checkpoint {position.ToToken()} is beyond the log's head ({head?.ToToken() ?? "an empty log"}): " + Cause;
        if (at is null) return null;
        // The port reads the log only after a position, so the event is found again by its stream and revision: it is the
        // checkpoint's event if it is there, with the same id, at the checkpoint's position.
        RecordedEvent? found = null;
        await foreach (var recorded in log.ReadStreamAsync(at.StreamId, at.StreamRevision, 1, cancellationToken))
            found = recorded;
        if (found is null || found.StreamRevision != at.StreamRevision || found.Position != position)
            return $"its checkpoint {position.ToToken()} was taken at event {at.EventId} ({at.StreamId} revision {at.StreamRevision}), " +
                   "which this log does not hold there: " + Cause;
        if (found.EventId != at.EventId)
            return $"its checkpoint {position.ToToken()} was taken at event {at.EventId} ({at.StreamId} revision {at.StreamRevision}), " +
                   $"but this log holds a different event there ({found.EventId}): " + Cause;
        return null;
    }

    private const string Cause = "the event store was restored or replaced while the read store was kept";

    /// <summary>For state restored in memory (the order index, the pending reservations), which then reads the whole log.</summary>
    /// <param name="what">What the state is, for the message ("order index").</param>
    /// <exception cref="CheckpointNotOnLogException">The checkpoint is not on the log.</exception>
    public static async Task EnsureFollowableAsync(IEventStore log, string what, LogPosition checkpoint, CheckpointEvent? at,
        CancellationToken cancellationToken)
    {
        if (await WhyNotFollowableAsync(log, checkpoint, at, cancellationToken) is { } why)
            throw new CheckpointNotOnLogException($"The persisted {what} cannot be followed: {why}.");
    }
}

/// <summary>The event a checkpoint was taken at (the last one its state includes): its id, and where to read it again.</summary>
public sealed record CheckpointEvent(Guid EventId, string StreamId, long StreamRevision)
{
    public static CheckpointEvent Of(RecordedEvent recorded) => new(recorded.EventId, recorded.StreamId, recorded.StreamRevision);
}

public sealed class CheckpointNotOnLogException(string message) : InvalidOperationException(message);

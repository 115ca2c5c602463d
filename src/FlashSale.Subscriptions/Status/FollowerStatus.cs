using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Status;

/// <param name="Position">The last event handled (null: none yet, from the start of the log).</param>
/// <param name="Head">The newest position the follower knows of: the log's head when it subscribed, or the newest event
/// it has received since.</param>
/// <param name="Buffered">Events received and not handled yet.</param>
/// <param name="LagSeconds">How long the oldest event received and not handled has been in the log (0 when none waits).</param>
/// <param name="Since">When the follower entered <paramref name="State"/>.</param>
public sealed record FollowerStatus(
    string Name,
    FollowerState State,
    LogPosition? Position,
    LogPosition? Head,
    long EventsHandled,
    int Buffered,
    double LagSeconds,
    string? Error,
    DateTimeOffset Since)
{
    public bool IsBehind => Head is { } head && !(Position >= head);
}

using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Handling;

/// <summary>Events that arrived together, in log order (never empty).</summary>
/// <param name="Live">The follower had caught up with the log before this batch: these events are new, not history.</param>
public sealed record LogBatch(IReadOnlyList<ReceivedEvent> Events, bool Live)
{
    public LogPosition Last => Events[^1].Position;
}

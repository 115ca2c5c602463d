using FlashSale.EventStore;

namespace FlashSale.ReadModels.Audit;

/// <summary>A point in the log's history: a position (inclusive) or a moment (events recorded up to it).</summary>
public sealed record AsOf(LogPosition? Position, DateTimeOffset? Time)
{
    public static AsOf Now { get; } = new(null, null);

    public bool Includes(RecordedEvent recorded) =>
        (Position is not { } p || recorded.Position <= p) && (Time is not { } t || recorded.Created <= t);
}

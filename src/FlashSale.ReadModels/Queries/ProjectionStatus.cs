using FlashSale.EventStore;
using FlashSale.ReadModels.Rebuilding;

namespace FlashSale.ReadModels.Queries;

/// <param name="LagEvents">Events in the log after the checkpoint, counted up to <see cref="ProjectionStatusQuery.LagCountLimit"/>
/// (<paramref name="LagEventsAtLeast"/> says the real lag is that or more).</param>
/// <param name="LagSeconds">How long the oldest event the model has not applied has been waiting (0 when caught up).</param>
public sealed record ProjectionStatus(
    string Name,
    string State,
    LogPosition? Checkpoint,
    LogPosition? Head,
    long LagEvents,
    bool LagEventsAtLeast,
    double LagSeconds,
    long EventsApplied,
    long PoisonEvents,
    string? Error,
    DateTimeOffset UpdatedAt,
    RebuildProgress? Rebuild);

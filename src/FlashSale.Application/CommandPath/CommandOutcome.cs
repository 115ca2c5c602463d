using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>Where in the log an order's outcomes were recorded; used to answer repeats exactly as the first time.</summary>
/// <param name="Discard">Where an operator discarded the order (a dead letter), so a repeated discard answers that position.</param>
public readonly record struct OrderPositions(LogPosition? Placement, LogPosition? Settlement, LogPosition? Discard = null);

/// <summary>
/// The durable result of one command: the events it added (empty for an idempotent repeat), the item as it stood
/// right after it, the position of its last event, and the recorded positions of the order it concerns.
/// </summary>
public sealed record CommandOutcome(
    IReadOnlyList<ItemEvent> Events,
    ItemState State,
    LogPosition? Position,
    OrderPositions? Order);

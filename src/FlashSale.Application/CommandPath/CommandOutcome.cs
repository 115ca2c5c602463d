using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>Where in the log an order's outcomes were recorded; used to answer repeats exactly as the first time.</summary>
/// <param name="Discard">Where an operator discarded the order (a dead letter), so a repeated discard answers that position.</param>
/// <param name="Retry">Where the latest reservation an operator's retry made was recorded, so a repeated retry answers that position.</param>
public readonly record struct OrderPositions(LogPosition? Placement, LogPosition? Settlement, LogPosition? Discard = null, LogPosition? Retry = null);

/// <summary>
/// The durable result of one command: the events it added (empty for an idempotent repeat), the item as it stood
/// right after it, the position of its last event, and the recorded positions of the order it concerns.
/// </summary>
/// <param name="Restock">Where the restock with the command's operation id was recorded (also for a repeat).</param>
/// <param name="Records">The command's order or restock as the item recorded it right after the command, read when it was decided.</param>
public sealed record CommandOutcome(
    IReadOnlyList<ItemEvent> Events,
    ItemState State,
    LogPosition? Position,
    OrderPositions? Order,
    LogPosition? Restock = null,
    CommandRecords? Records = null)
{
    /// <summary>Units of the item a buyer could still reserve right after the command.</summary>
    public int Available => Item.Available;

    /// <summary>The order the command was about, as the item recorded it right after the command.</summary>
    public OrderRecord OrderOf(string orderId) =>
        Records?.Order is { } recorded && recorded.OrderId == orderId ? recorded
        : Item.Orders.TryGetValue(orderId, out var order)
            ? order
            : throw new InvalidOperationException($"Order '{orderId}' is not recorded on item '{Item.ItemId}'.");

    /// <summary>For an order rejected as sale_not_active: whether the sale had not started or had ended, and when.</summary>
    public SaleClosed? SaleClosedFor(string orderId) =>
        Records?.Order?.OrderId == orderId ? Records.SaleClosed : Item.ClosedSaleRejections.GetValueOrDefault(orderId);

    /// <summary>The restock recorded under <paramref name="operationId"/>, as the item remembers it.</summary>
    public RestockRecord RestockOf(string operationId) =>
        Records?.Restock is { } recorded && recorded.OperationId == operationId ? recorded
        : Item.Restocks.TryGetValue(operationId, out var restock)
            ? restock
            : throw new InvalidOperationException($"No restock with operation id '{operationId}' is recorded on item '{Item.ItemId}'.");

    // A command the decider accepted always leaves the item listed: it refuses every command but ListItem on an unlisted one.
    private Listed Item => State as Listed
        ?? throw new InvalidOperationException($"The command left the item {State.GetType().Name}, not listed.");
}

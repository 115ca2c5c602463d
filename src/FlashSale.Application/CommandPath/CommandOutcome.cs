using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>Where in the log an order's outcomes were recorded; used to answer repeats exactly as the first time.</summary>
/// <param name="Discard">Where an operator discarded the order (a dead letter), so a repeated discard answers that position.</param>
/// <param name="Retry">Where the latest reservation an operator's retry made was recorded, so a repeated retry answers that position.</param>
/// <remarks>The writer keeps one per order for the item's life (a million orders, a million entries): stored in 48 bytes,
/// not the 96 of four nullable positions, the operators' rare two behind one reference.</remarks>
public readonly record struct OrderPositions
{
    private readonly LogPosition _placement;
    private readonly LogPosition _settlement;
    private readonly Known _known;
    private readonly OperatorPositions? _operator;

    public OrderPositions(LogPosition? Placement, LogPosition? Settlement, LogPosition? Discard = null, LogPosition? Retry = null)
    {
        this.Placement = Placement;
        this.Settlement = Settlement;
        _operator = Discard is null && Retry is null ? null : new OperatorPositions(Discard, Retry);
    }

    public LogPosition? Placement
    {
        get => (_known & Known.Placement) != 0 ? _placement : null;
        init => (_placement, _known) = value is { } at ? (at, _known | Known.Placement) : (default, _known & ~Known.Placement);
    }

    public LogPosition? Settlement
    {
        get => (_known & Known.Settlement) != 0 ? _settlement : null;
        init => (_settlement, _known) = value is { } at ? (at, _known | Known.Settlement) : (default, _known & ~Known.Settlement);
    }

    public LogPosition? Discard
    {
        get => _operator?.Discard;
        init => _operator = value is null && Retry is null ? null : new OperatorPositions(value, Retry);
    }

    public LogPosition? Retry
    {
        get => _operator?.Retry;
        init => _operator = Discard is null && value is null ? null : new OperatorPositions(Discard, value);
    }

    public void Deconstruct(out LogPosition? placement, out LogPosition? settlement, out LogPosition? discard, out LogPosition? retry) =>
        (placement, settlement, discard, retry) = (Placement, Settlement, Discard, Retry);

    [Flags]
    private enum Known : byte
    {
        Placement = 1,
        Settlement = 2,
    }

    private sealed record OperatorPositions(LogPosition? Discard, LogPosition? Retry);
}

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

using System.Collections.Immutable;
using FlashSale.Domain.Collections;

namespace FlashSale.Domain.Items;

public abstract record ItemState
{
    public static readonly ItemState Initial = new Unlisted();
}

public sealed record Unlisted : ItemState;

/// <summary>
/// A listed item. Collections are persistent (immutable) so a batch can be decided speculatively and thrown away
/// on a conflict without copying the whole item; they are <see cref="PersistentMap{TValue}"/>s, whose change costs
/// O(1) on the newest version (ADR 0017).
/// </summary>
public sealed record Listed(
    string ItemId,
    string Name,
    int PerUserLimit,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int PaymentWindowSeconds,
    int InitialStock,
    int Restocked,
    int Available,
    PersistentMap<OrderRecord> Orders,
    PersistentMap<int> Holdings) : ItemState
{
    /// <summary>No reservation of the item has a payment deadline before this (a lower bound: it is lowered by every
    /// reservation and raised only when a decision passes it), so deciding an order scans for expired reservations only
    /// once it has passed. Null: no reservation since the last scan.</summary>
    public DateTimeOffset? EarliestDeadline { get; init; }

    /// <summary>The restocks that carried an operation id, by that id, so a repeat answers the first one.</summary>
    public PersistentMap<RestockRecord> Restocks { get; init; } = PersistentMap<RestockRecord>.Empty;

    /// <summary>Orders rejected as <c>sale_not_active</c>, by order id: whether the sale had not started or had ended, and
    /// when, so a repeated order id answers with the first rejection's words.</summary>
    public PersistentMap<SaleClosed> ClosedSaleRejections { get; init; } = PersistentMap<SaleClosed>.Empty;

    public int HeldBy(string userId) => Holdings.TryGetValue(userId, out var held) ? held : 0;

    public bool IsOnSale(DateTimeOffset now) =>
        (SaleStartsAt is null || now >= SaleStartsAt) && (SaleEndsAt is null || now < SaleEndsAt);

    /// <summary>Why the sale was closed at <paramref name="when"/>; null while it was open.</summary>
    public SaleClosed? ClosedAt(DateTimeOffset when) =>
        SaleStartsAt is { } starts && when < starts ? new SaleClosed(Ended: false, starts)
        : SaleEndsAt is { } ends && when >= ends ? new SaleClosed(Ended: true, ends)
        : null;
}

/// <summary>The sale window was closed: it had not started yet (<paramref name="At"/> is when it starts) or had ended
/// (<paramref name="At"/> is when it ended).</summary>
public sealed record SaleClosed(bool Ended, DateTimeOffset At);

/// <param name="AvailableAfter">Units available right after the restock: what its first answer said.</param>
public sealed record RestockRecord(string OperationId, int Quantity, int AvailableAfter);

public enum OrderStatus
{
    Reserved,
    Rejected,
    Confirmed,
    /// <summary>The payment timed out: a dead letter until an operator retries (back to Reserved) or discards it.</summary>
    TimedOut,

    /// <summary>An operator gave up on the dead letter; final.</summary>
    Discarded,
}

/// <summary>
/// One order as the item remembers it. <see cref="ReservedUntil"/> and <see cref="RejectionReason"/> describe the
/// placement outcome and never change afterwards, so a repeated order id can be answered exactly as the first time.
/// </summary>
/// <param name="Retries">Operator retries so far (failed ones included); a reservation made by a retry carries this number.</param>
/// <param name="RetryReservedUntil">The payment deadline of the latest reservation an operator's retry made.</param>
/// <param name="ChargeStartedFor">The reservation (retry number) the payment processor last started a charge for.</param>
/// <param name="RefundReferences">Payment references already recorded as refunds to make.</param>
/// <param name="DiscardReason">Why an operator discarded the order ("" when no reason was given); null until discarded.</param>
/// <remarks>A struct: an item keeps one for every order of its sale, inline in its order map's dictionary, so no object per
/// order is copied by the GC on its way to the old generation (ADR 0041).</remarks>
public readonly record struct OrderRecord(
    string OrderId,
    string UserId,
    int Quantity,
    OrderStatus Status,
    DateTimeOffset? ReservedUntil,
    string? RejectionReason,
    string? PaymentReference,
    int Retries = 0,
    DateTimeOffset? RetryReservedUntil = null,
    int? ChargeStartedFor = null,
    ImmutableHashSet<string>? RefundReferences = null,
    string? DiscardReason = null)
{
    /// <summary>When the current reservation's payment window closes.</summary>
    public DateTimeOffset? PaymentDeadline => RetryReservedUntil ?? ReservedUntil;
}

using System.Collections.Immutable;

namespace FlashSale.Domain.Items;

public abstract record ItemState
{
    public static readonly ItemState Initial = new Unlisted();
}

public sealed record Unlisted : ItemState;

/// <summary>
/// A listed item. Collections are persistent (immutable) so a batch can be decided speculatively and thrown away
/// on a conflict without copying the whole item.
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
    ImmutableDictionary<string, OrderRecord> Orders,
    ImmutableDictionary<string, int> Holdings) : ItemState
{
    public int HeldBy(string userId) => Holdings.TryGetValue(userId, out var held) ? held : 0;

    public bool IsOnSale(DateTimeOffset now) =>
        (SaleStartsAt is null || now >= SaleStartsAt) && (SaleEndsAt is null || now < SaleEndsAt);
}

public enum OrderStatus
{
    Reserved,
    Rejected,
    Confirmed,
    TimedOut,
}

/// <summary>
/// One order as the item remembers it. <see cref="ReservedUntil"/> and <see cref="RejectionReason"/> describe the
/// placement outcome and never change afterwards, so a repeated order id can be answered exactly as the first time.
/// </summary>
public sealed record OrderRecord(
    string OrderId,
    string UserId,
    int Quantity,
    OrderStatus Status,
    DateTimeOffset? ReservedUntil,
    string? RejectionReason,
    string? PaymentReference);

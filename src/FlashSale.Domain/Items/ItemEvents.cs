namespace FlashSale.Domain.Items;

/// <summary>Facts recorded on an item stream (<c>item-{itemId}</c>). Storage names live in the event type map.</summary>
public abstract record ItemEvent(string ItemId);

/// <summary>An event about one order on the item.</summary>
public abstract record OrderEvent(string ItemId, string OrderId) : ItemEvent(ItemId);

public sealed record SaleItemListed(
    string ItemId,
    string Name,
    int Stock,
    int PerUserLimit,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int PaymentWindowSeconds,
    DateTimeOffset ListedAt) : ItemEvent(ItemId);

public sealed record StockAdded(string ItemId, int Quantity, string Reason, DateTimeOffset AddedAt) : ItemEvent(ItemId);

public sealed record OrderPlaced(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset PlacedAt)
    : OrderEvent(ItemId, OrderId);

public sealed record StockReserved(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReservedUntil)
    : OrderEvent(ItemId, OrderId);

public sealed record OrderRejected(string ItemId, string OrderId, string UserId, int Quantity, string Reason, DateTimeOffset RejectedAt)
    : OrderEvent(ItemId, OrderId);

public sealed record PaymentConfirmed(string ItemId, string OrderId, string PaymentReference, DateTimeOffset ConfirmedAt)
    : OrderEvent(ItemId, OrderId);

public sealed record PaymentTimedOut(string ItemId, string OrderId, string Cause, DateTimeOffset TimedOutAt)
    : OrderEvent(ItemId, OrderId);

public sealed record StockReleased(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReleasedAt)
    : OrderEvent(ItemId, OrderId);

public static class RejectionReasons
{
    public const string SoldOut = "sold_out";
    public const string PerUserLimit = "per_user_limit";
    public const string SaleNotActive = "sale_not_active";
}

public static class TimeoutCauses
{
    public const string GatewayTimeout = "gateway_timeout";
    public const string DeadlinePassed = "deadline_passed";
}

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

/// <param name="OperationId">The operator's idempotency key: a restock repeated with it adds nothing (null in events
/// recorded before restocks had one, and for restocks sent without one).</param>
public sealed record ItemRestocked(string ItemId, int Quantity, string Reason, DateTimeOffset AddedAt, string? OperationId = null)
    : ItemEvent(ItemId);

public sealed record OrderPlaced(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset PlacedAt)
    : OrderEvent(ItemId, OrderId);

/// <param name="Retry">0 for the reservation made when the order was placed; n for the one an operator's n-th retry made.</param>
public sealed record StockReserved(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReservedUntil, int Retry = 0)
    : OrderEvent(ItemId, OrderId), IRepeatableOrderEvent;

public sealed record OrderRejected(string ItemId, string OrderId, string UserId, int Quantity, string Reason, DateTimeOffset RejectedAt)
    : OrderEvent(ItemId, OrderId);

/// <summary>The reservation is paid: its units are sold. Carries user and quantity so readers need no other event.</summary>
public sealed record PaymentConfirmed(string ItemId, string OrderId, string UserId, int Quantity, string PaymentReference, DateTimeOffset ConfirmedAt)
    : OrderEvent(ItemId, OrderId);

/// <summary>The order's reservation ended unpaid; the order is now a dead letter until an operator retries or discards it.</summary>
public sealed record PaymentTimedOut(string ItemId, string OrderId, string Cause, DateTimeOffset TimedOutAt, int Retry = 0)
    : OrderEvent(ItemId, OrderId), IRepeatableOrderEvent;

public sealed record StockReleased(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset ReleasedAt, int Retry = 0)
    : OrderEvent(ItemId, OrderId), IRepeatableOrderEvent;

/// <summary>An operator retried a dead-lettered order and it was reserved again (a <see cref="StockReserved"/> with the
/// same <paramref name="Retry"/> follows, with a new payment window).</summary>
public sealed record DeadLetterRetried(string ItemId, string OrderId, int Retry, string Actor, DateTimeOffset RetriedAt)
    : OrderEvent(ItemId, OrderId), IRepeatableOrderEvent;

/// <summary>An operator retried a dead-lettered order but it could not be reserved again (<paramref name="Reason"/> is a
/// <see cref="RejectionReasons"/> value); the order stays a dead letter.</summary>
public sealed record DeadLetterRetryFailed(string ItemId, string OrderId, int Retry, string Reason, string Actor, DateTimeOffset FailedAt)
    : OrderEvent(ItemId, OrderId), IRepeatableOrderEvent;

/// <summary>An operator gave up on a dead-lettered order; it is closed for good.</summary>
public sealed record DeadLetterDiscarded(string ItemId, string OrderId, string Reason, string Actor, DateTimeOffset DiscardedAt)
    : OrderEvent(ItemId, OrderId);

/// <summary>An order event that happens again on every operator retry; <see cref="Retry"/> tells the occurrences apart
/// (and keeps their deterministic event ids distinct).</summary>
public interface IRepeatableOrderEvent
{
    int Retry { get; }
}

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

    /// <summary>Released instead of charged: the window would close before the gateway could answer.</summary>
    public const string TooLateToCharge = "too_late_to_charge";
}

namespace FlashSale.Domain.Items;

/// <summary>What can be asked of one item. Time always comes in through the command.</summary>
public abstract record ItemCommand(string ItemId);

/// <summary>A command about one order on the item.</summary>
public abstract record OrderCommand(string ItemId, string OrderId) : ItemCommand(ItemId);

public sealed record ListItem(
    string ItemId,
    string Name,
    int Stock,
    int PerUserLimit,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int PaymentWindowSeconds,
    DateTimeOffset Now) : ItemCommand(ItemId);

/// <param name="OperationId">Idempotency key: the same key again answers the first restock and adds nothing.</param>
public sealed record RestockItem(string ItemId, int Quantity, string Reason, DateTimeOffset Now, string? OperationId = null)
    : ItemCommand(ItemId);

public sealed record PlaceOrder(string ItemId, string OrderId, string UserId, int Quantity, DateTimeOffset Now)
    : OrderCommand(ItemId, OrderId);

public sealed record ConfirmPayment(string ItemId, string OrderId, string PaymentReference, DateTimeOffset Now)
    : OrderCommand(ItemId, OrderId);

/// <summary>Ends a reservation without payment: the gateway gave up, or the payment window has passed.</summary>
/// <param name="Retry">The reservation meant (0 = the placement's, n = the n-th retry's); null means whichever is current.
/// A late answer about an earlier reservation must not end the one a retry made since.</param>
public sealed record TimeOutPayment(string ItemId, string OrderId, string Cause, DateTimeOffset Now, int? Retry = null)
    : OrderCommand(ItemId, OrderId);

/// <summary>
/// An operator asks to reserve a dead-lettered (payment timed out) order again, with a new payment window. Stock and the
/// per-user limit apply as for any reservation; the sale window does not (the order was placed while the sale was on).
/// </summary>
public sealed record RetryDeadLetter(string ItemId, string OrderId, string Actor, DateTimeOffset Now) : OrderCommand(ItemId, OrderId);

/// <summary>An operator closes a dead-lettered order for good.</summary>
public sealed record DiscardDeadLetter(string ItemId, string OrderId, string Reason, string Actor, DateTimeOffset Now)
    : OrderCommand(ItemId, OrderId);

using FlashSale.Domain.Items;

namespace FlashSale.Domain.Tests.Items;

/// <summary>One item on sale and the histories the specs start from.</summary>
internal static class Sale
{
    public const string ItemId = "item-1";
    public const string Name = "Switch OLED";
    public const int PerUserLimit = 2;
    public const int PaymentWindowSeconds = 300;

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset StartsAt = Now.AddHours(-1);
    public static readonly DateTimeOffset EndsAt = Now.AddHours(1);

    /// <summary>Payment deadline of a reservation made at <see cref="Now"/>.</summary>
    public static readonly DateTimeOffset Deadline = Now.AddSeconds(PaymentWindowSeconds);

    public static SaleItemListed ItemListed(int stock = 10, int perUserLimit = PerUserLimit) =>
        new(ItemId, Name, stock, perUserLimit, StartsAt, EndsAt, PaymentWindowSeconds, StartsAt.AddDays(-1));

    public static ItemEvent[] Reserved(string orderId, string userId, int quantity = 1) =>
    [
        new OrderPlaced(ItemId, orderId, userId, quantity, Now),
        new StockReserved(ItemId, orderId, userId, quantity, Deadline),
    ];

    public static ItemEvent[] Rejected(string orderId, string userId, int quantity, string reason) =>
    [
        new OrderPlaced(ItemId, orderId, userId, quantity, Now),
        new OrderRejected(ItemId, orderId, userId, quantity, reason, Now),
    ];

    public static PaymentConfirmed Paid(string orderId, string userId = "alice", int quantity = 1) =>
        new(ItemId, orderId, userId, quantity, $"pay-{orderId}", Now.AddMinutes(1));

    public static ItemEvent[] TimedOut(string orderId, string userId, int quantity = 1, string cause = TimeoutCauses.DeadlinePassed) =>
    [
        new PaymentTimedOut(ItemId, orderId, cause, Deadline),
        new StockReleased(ItemId, orderId, userId, quantity, Deadline),
    ];

    public const string Operator = "operator-1";

    /// <summary>When the specs' operator acts on dead letters: after the first payment window has closed.</summary>
    public static readonly DateTimeOffset RetriedAt = Deadline.AddMinutes(10);

    /// <summary>Payment deadline of a reservation made by a retry at <see cref="RetriedAt"/>.</summary>
    public static readonly DateTimeOffset RetryDeadline = RetriedAt.AddSeconds(PaymentWindowSeconds);

    public static ItemEvent[] Retried(string orderId, string userId, int retry = 1, int quantity = 1) =>
    [
        new DeadLetterRetried(ItemId, orderId, retry, Operator, RetriedAt),
        new StockReserved(ItemId, orderId, userId, quantity, RetryDeadline, retry),
    ];

    public static ItemEvent[] TimedOutAgain(string orderId, string userId, int retry = 1, int quantity = 1) =>
    [
        new PaymentTimedOut(ItemId, orderId, TimeoutCauses.DeadlinePassed, RetryDeadline, retry),
        new StockReleased(ItemId, orderId, userId, quantity, RetryDeadline, retry),
    ];

    public static DeadLetterRetryFailed RetryFailed(string orderId, string reason, int retry = 1) =>
        new(ItemId, orderId, retry, reason, Operator, RetriedAt);

    public static DeadLetterDiscarded Discarded(string orderId, string reason = "customer gone") =>
        new(ItemId, orderId, reason, Operator, RetriedAt);
}

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
}

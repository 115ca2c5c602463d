using FlashSale.Domain.Items;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>
/// A small sale with every kind of event, as the write side would record it. Lamp (stock 3, limit 2): o1 confirmed,
/// o2 timed out, retried, timed out again and discarded, o3 over the user limit; restocked by 2. Mug (stock 1):
/// o4 timed out and its retry failed (sold out to o6 meanwhile), o5 sold out.
/// </summary>
public static class ScriptedSale
{
    public const string Lamp = "sku-lamp";
    public const string Mug = "sku-mug";

    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    /// <summary>Each inner array is what one command appended.</summary>
    public static IReadOnlyList<ItemEvent[]> Appends { get; } =
    [
        [new SaleItemListed(Lamp, "Lamp", 3, 2, null, null, 300, At(0))],
        [new OrderPlaced(Lamp, "o1", "u1", 1, At(1)), new StockReserved(Lamp, "o1", "u1", 1, At(301))],
        [new OrderPlaced(Lamp, "o2", "u2", 2, At(2)), new StockReserved(Lamp, "o2", "u2", 2, At(302))],
        [new OrderPlaced(Lamp, "o3", "u1", 2, At(3)), new OrderRejected(Lamp, "o3", "u1", 2, RejectionReasons.PerUserLimit, At(3))],
        [new PaymentConfirmed(Lamp, "o1", "u1", 1, "psp-1", At(10))],
        [new PaymentTimedOut(Lamp, "o2", TimeoutCauses.GatewayTimeout, At(20)), new StockReleased(Lamp, "o2", "u2", 2, At(20))],
        [new DeadLetterRetried(Lamp, "o2", 1, "ops", At(30)), new StockReserved(Lamp, "o2", "u2", 2, At(330), 1)],
        [new PaymentTimedOut(Lamp, "o2", TimeoutCauses.DeadlinePassed, At(340), 1), new StockReleased(Lamp, "o2", "u2", 2, At(340), 1)],
        [new DeadLetterDiscarded(Lamp, "o2", "customer gone", "ops", At(400))],
        [new ItemRestocked(Lamp, 2, "restock", At(500))],
        [new SaleItemListed(Mug, "Mug", 1, 1, At(-60), At(3600), 300, At(0))],
        [new OrderPlaced(Mug, "o4", "u3", 1, At(4)), new StockReserved(Mug, "o4", "u3", 1, At(304))],
        [new OrderPlaced(Mug, "o5", "u4", 1, At(5)), new OrderRejected(Mug, "o5", "u4", 1, RejectionReasons.SoldOut, At(5))],
        [new PaymentTimedOut(Mug, "o4", TimeoutCauses.GatewayTimeout, At(40)), new StockReleased(Mug, "o4", "u3", 1, At(40))],
        [new OrderPlaced(Mug, "o6", "u4", 1, At(41)), new StockReserved(Mug, "o6", "u4", 1, At(341))],
        [new DeadLetterRetryFailed(Mug, "o4", 1, RejectionReasons.SoldOut, "ops", At(50))],
    ];

    public static int EventCount => Appends.Sum(a => a.Length);

    public static async Task AppendAsync(SaleLog log, int from = 0, int count = int.MaxValue)
    {
        foreach (var append in Appends.Skip(from).Take(count)) await log.AppendAsync(append);
    }
}

using FlashSale.Domain.Items;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>
/// Order ids that two processes each accepted on a different item, as the log then holds them. "twin": paid on the
/// desk, timed out on the chair. "echo": timed out on both (two dead letters). "solo": an order on the desk only.
/// </summary>
public static class ReusedOrderIds
{
    public const string Desk = "sku-desk";
    public const string Chair = "sku-chair";
    public const string Twin = "twin";
    public const string Echo = "echo";
    public const string Solo = "solo";
    public const int Stock = 3;

    private static DateTimeOffset At(int seconds) => ScriptedSale.At(seconds);

    /// <summary>Each inner array is what one command appended.</summary>
    public static IReadOnlyList<ItemEvent[]> Appends { get; } =
    [
        [new SaleItemListed(Desk, "Desk", Stock, 2, null, null, 300, At(0))],
        [new SaleItemListed(Chair, "Chair", Stock, 2, null, null, 300, At(0))],
        [new OrderPlaced(Desk, Twin, "u1", 1, At(1)), new StockReserved(Desk, Twin, "u1", 1, At(301))],
        [new OrderPlaced(Chair, Twin, "u2", 1, At(1)), new StockReserved(Chair, Twin, "u2", 1, At(301))],
        [new OrderPlaced(Desk, Echo, "u3", 1, At(2)), new StockReserved(Desk, Echo, "u3", 1, At(302))],
        [new OrderPlaced(Chair, Echo, "u4", 1, At(2)), new StockReserved(Chair, Echo, "u4", 1, At(302))],
        [new OrderPlaced(Desk, Solo, "u5", 1, At(3)), new StockReserved(Desk, Solo, "u5", 1, At(303))],
        [new PaymentConfirmed(Desk, Twin, "u1", 1, "psp-desk", At(10))],
        [new PaymentTimedOut(Chair, Twin, TimeoutCauses.DeadlinePassed, At(301)), new StockReleased(Chair, Twin, "u2", 1, At(301))],
        [new PaymentTimedOut(Desk, Echo, TimeoutCauses.GatewayTimeout, At(20)), new StockReleased(Desk, Echo, "u3", 1, At(20))],
        [new PaymentTimedOut(Chair, Echo, TimeoutCauses.DeadlinePassed, At(302)), new StockReleased(Chair, Echo, "u4", 1, At(302))],
    ];

    public static async Task AppendAsync(SaleLog log)
    {
        foreach (var append in Appends) await log.AppendAsync(append);
    }
}

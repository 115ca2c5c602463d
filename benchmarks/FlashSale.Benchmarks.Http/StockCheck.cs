namespace FlashSale.Benchmarks.Http;

/// <summary>
/// Zero oversell, read from the inventory model at the probe order's position: per item reserved + sold never above
/// the stock and available = stock - reserved - sold; over all items the units taken are at least the 201s wrk
/// counted (+ the probe) and at most that plus the requests still in flight when wrk stopped (two stops, warm-up and
/// measured, of every connection at most).
/// </summary>
public sealed record StockCheck(long Oversold, long Mismatched, long UnitsTaken, long Accepted, long InFlightAllowance)
{
    public bool Holds => Oversold == 0 && Mismatched == 0 && UnitsTaken >= Accepted && UnitsTaken <= Accepted + InFlightAllowance;

    public static async Task<StockCheck> RunAsync(SaleClient client, IReadOnlyList<string> itemIds, string probeOrderId,
        long acceptedByCrowd, int connections)
    {
        var position = await client.PlaceProbeAsync(itemIds[0], probeOrderId);
        var inventories = new List<Inventory>();
        foreach (var itemId in itemIds) inventories.Add(await client.InventoryAsync(itemId, position));
        var oversold = inventories.Sum(i => (long)Math.Max(0, i.Reserved + i.Sold - i.Stock));
        var mismatched = inventories.Count(i => i.Available != i.Stock - i.Reserved - i.Sold || i.RejectedOrders != 0);
        var taken = inventories.Sum(i => (long)i.Reserved + i.Sold + i.Released);
        return new StockCheck(oversold, mismatched, taken, acceptedByCrowd + 1, 2L * connections);
    }
}

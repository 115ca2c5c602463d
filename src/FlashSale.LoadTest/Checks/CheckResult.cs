namespace FlashSale.LoadTest.Checks;

/// <summary>One correctness check: its stable name, whether it held, and what was compared.</summary>
public sealed record CheckResult(string Name, bool Passed, string Detail);

/// <summary>The names scripts can rely on in the report's <c>checks</c>.</summary>
public static class CheckNames
{
    public const string StockNeverExceeded = "stock_never_exceeded";
    public const string InventoryMatches = "inventory_matches";
    public const string OrdersVisible = "orders_visible";
    public const string NoServerErrors = "no_server_errors";
    public const string RepeatsIdentical = "repeats_identical";
}

/// <summary>An item's inventory read model as the API answered it.</summary>
public sealed record InventoryAnswer(long InitialStock, long Restocked, long Available, long Reserved, long Sold, long Released, long RejectedOrders)
{
    public long Stock => InitialStock + Restocked;
}

/// <summary>One item at the end of the run: what the crowd was told and what the inventory model says.</summary>
public sealed record ItemResult(string ItemId, long Stock, long AcceptedUnits, long Rejected, long Confirmed, long UnknownUnits, InventoryAnswer? Inventory);

namespace FlashSale.Api.Metrics;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>How often gauges that need store reads (projection lag, dead-letter queue, inventory) are refreshed; a
    /// scrape serves the latest snapshot. 0 refreshes on every scrape (tests only: a scrape then costs store reads).</summary>
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>How many of the most recently ordered items get a <c>flashsale_inventory_level</c> series.</summary>
    public int InventoryItems { get; set; } = 50;

    /// <summary>Close <c>/metrics</c> to callers without the operator key (default: open, as <c>/health</c>).</summary>
    public bool RequireOperatorKey { get; set; }
}

namespace FlashSale.Api.Limits;

/// <summary>The API's admission limits; the defaults are the runbook's.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public OrdersPerUserLimit OrdersPerUser { get; set; } = new();

    public ConcurrencyLimit Concurrency { get; set; } = new();
}

/// <summary>New orders one user may place per window (what counts: ADR 0014).</summary>
public sealed class OrdersPerUserLimit
{
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Requests in progress at once, over all endpoints but health and metrics; the rest are shed with 503.</summary>
public sealed class ConcurrencyLimit
{
    public int PermitLimit { get; set; } = 4096;

    /// <summary>Requests that may wait for a permit; 0 sheds at once, which keeps latency flat under overload.</summary>
    public int QueueLimit { get; set; }
}

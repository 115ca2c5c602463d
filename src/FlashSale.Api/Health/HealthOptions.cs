namespace FlashSale.Api.Health;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>A projection whose oldest unapplied event is older than this makes readiness <c>degraded</c>.</summary>
    public double MaxProjectionLagSeconds { get; set; } = 30;

    /// <summary>What <c>degraded</c> answers: 200 keeps the instance in the load balancer, 503 takes it out.</summary>
    public int DegradedStatusCode { get; set; } = StatusCodes.Status200OK;

    /// <summary>How long a store may take to answer a readiness probe before it counts as down.</summary>
    public double TimeoutSeconds { get; set; } = 2;
}

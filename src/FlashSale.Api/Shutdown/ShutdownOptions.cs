namespace FlashSale.Api.Shutdown;

public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>The whole stop, from SIGTERM to exit: drain, in-flight requests, queued commands, payments, projections.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>How long readiness answers 503 while the server still listens, so a load balancer takes the instance out
    /// before its connections close. Part of <see cref="TimeoutSeconds"/>.</summary>
    public double DrainSeconds { get; set; } = 2;
}

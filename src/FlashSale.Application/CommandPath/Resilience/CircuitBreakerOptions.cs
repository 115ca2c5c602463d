namespace FlashSale.Application.CommandPath.Resilience;

/// <summary>The event store circuit breaker of the command path; the defaults are the runbook's.</summary>
public sealed class CircuitBreakerOptions
{
    public const string Section = "CommandPath:CircuitBreaker";

    public bool Enabled { get; set; } = true;

    /// <summary>Consecutive store failures (unavailable, timed out) that open the circuit.</summary>
    public int FailuresToOpen { get; set; } = 5;

    /// <summary>Consecutive successful calls in half-open that close it again.</summary>
    public int SuccessesToClose { get; set; } = 2;

    /// <summary>How long the first opening lasts; each reopening without a close in between doubles it.</summary>
    public double BreakSeconds { get; set; } = 30;

    /// <summary>The longest an opening lasts, however often it reopened.</summary>
    public double MaxBreakSeconds { get; set; } = 300;
}

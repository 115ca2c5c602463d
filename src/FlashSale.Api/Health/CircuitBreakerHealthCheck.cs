using FlashSale.Api.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Api.Health;

/// <summary>An open breaker answers every command 503: the instance is not ready. Half-open is probing: still ready.</summary>
public sealed class CircuitBreakerHealthCheck(OperabilityMetrics operability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(operability.CircuitBreaker == CircuitBreakerState.Open
            ? HealthCheckResult.Unhealthy("the event store circuit breaker is open")
            : HealthCheckResult.Healthy());

    public static string Name(CircuitBreakerState state) => state switch
    {
        CircuitBreakerState.Open => "open",
        CircuitBreakerState.HalfOpen => "half-open",
        _ => "closed",
    };
}

using Prometheus;

namespace FlashSale.Api.Metrics;

public enum CircuitBreakerState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}

/// <summary>
/// The resilience metrics, set by whoever owns the breaker and the rate limiter, read by readiness. One per host
/// (DI singleton), like the registry it writes to.
/// </summary>
public sealed class OperabilityMetrics
{
    private readonly Gauge _breaker;
    private readonly Counter _rateLimited;
    private volatile int _state;

    public OperabilityMetrics(CollectorRegistry registry)
    {
        var metrics = MetricFactories.WithoutExemplars(registry);
        _breaker = metrics.CreateGauge("flashsale_circuit_breaker_state", "Event store circuit breaker: 0 closed, 1 open, 2 half-open.");
        _rateLimited = metrics.CreateCounter("flashsale_rate_limited_total", "Requests refused with 429 by the per-user rate limit.");
    }

    public CircuitBreakerState CircuitBreaker => (CircuitBreakerState)_state;

    public void SetCircuitBreaker(CircuitBreakerState state)
    {
        _state = (int)state;
        _breaker.Set((int)state);
    }

    public void RateLimited() => _rateLimited.Inc();
}

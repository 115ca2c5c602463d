namespace FlashSale.Application.CommandPath.Resilience;

public enum BreakerState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}

/// <summary>What the command path's event store circuit is doing, for health and metrics to read.</summary>
public interface ICircuitState
{
    /// <summary>The state now (an open circuit whose break has passed reads as half-open).</summary>
    BreakerState State { get; }

    /// <summary>Raised after every transition, with the new state; handlers must be quick and must not throw.</summary>
    event Action<BreakerState>? StateChanged;
}

/// <summary>A call refused without reaching the store because the circuit is open.</summary>
public sealed class CircuitOpenException(TimeSpan retryAfter)
    : FlashSale.EventStore.EventStoreException(
        $"The event store failed repeatedly; calls are refused for {retryAfter.TotalSeconds:0.###} s before it is tried again.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

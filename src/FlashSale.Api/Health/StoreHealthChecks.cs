using System.Diagnostics;
using FlashSale.EventStore;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Health;

/// <summary>One cheap read against a store, timed: reachable and how fast (<c>latencyMs</c>), or why not.</summary>
public abstract class StoreHealthCheck(IOptions<HealthOptions> options, HealthStatus whenDown) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProbeAsync(budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(whenDown, ex is OperationCanceledException ? "timed out" : ex.Message, data: Latency(started));
        }
        return HealthCheckResult.Healthy(data: Latency(started));
    }

    protected abstract Task ProbeAsync(CancellationToken cancellationToken);

    private static Dictionary<string, object> Latency(long started) =>
        new() { ["latencyMs"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1) };
}

/// <summary>Without the log nothing can be decided: unhealthy.</summary>
public sealed class EventStoreHealthCheck(IEventStore store, IOptions<HealthOptions> options)
    : StoreHealthCheck(options, HealthStatus.Unhealthy)
{
    protected override Task ProbeAsync(CancellationToken cancellationToken) => store.ReadHeadPositionAsync(cancellationToken);
}

/// <summary>Without the read store orders are still taken, only queries fail: degraded.</summary>
public sealed class ReadStoreHealthCheck(IReadModelStore store, IOptions<HealthOptions> options)
    : StoreHealthCheck(options, HealthStatus.Degraded)
{
    protected override Task ProbeAsync(CancellationToken cancellationToken) => store.ReadCheckpointsAsync(cancellationToken);
}

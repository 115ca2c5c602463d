using FlashSale.Api.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Health;

/// <summary>Degraded when a projection lags beyond <see cref="HealthOptions.MaxProjectionLagSeconds"/>, judged from the
/// read-side snapshot the metrics refresh (a probe never counts the log itself).</summary>
public sealed class ProjectionLagHealthCheck(ReadSideMetrics readSide, ReadSideRefresher refresher, IOptions<MetricsOptions> metrics,
    IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Refreshed on scrapes only (tests): the probe takes its own look.
        if (metrics.Value.RefreshSeconds == 0) await refresher.RefreshOnceAsync(readSide, cancellationToken);
        if (readSide.Latest is not { } snapshot) return HealthCheckResult.Healthy("no snapshot of the read side yet");
        var data = snapshot.Projections.ToDictionary(p => p.Name, p => (object)new ProjectionLag(p.LagEvents, Math.Round(p.LagSeconds, 3)));
        var behind = snapshot.Projections.Where(p => p.LagSeconds > options.Value.MaxProjectionLagSeconds).Select(p => p.Name).ToList();
        return behind.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded($"behind by more than {options.Value.MaxProjectionLagSeconds} s: {string.Join(", ", behind)}", data: data);
    }
}

public sealed record ProjectionLag(long LagEvents, double LagSeconds);

using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Api.Health;

/// <summary>A process that has not caught up with the log since it started (order index, pending reservations,
/// projections) is not ready: it listens already, but commands that need the index would wait and be refused.</summary>
public sealed class CatchUpHealthCheck(LogFollowers followers) : IHealthCheck
{
    public const string Status = "starting";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var catchingUp = followers.CatchingUp;
        return Task.FromResult(catchingUp.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("catching up with the log: " + string.Join("; ", catchingUp.Select(CatchUpProgress.Of)),
                data: catchingUp.ToDictionary(s => s.Name, s => (object)CatchUpProgress.From(s))));
    }
}

using FlashSale.Api.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Api.Health;

/// <summary>A stopping process is not ready, whatever its stores say: the load balancer must send no more.</summary>
public sealed class StoppingHealthCheck(ServerStopping stopping) : IHealthCheck
{
    public const string Status = "stopping";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(stopping.IsStopping ? HealthCheckResult.Unhealthy("the process is shutting down") : HealthCheckResult.Healthy());
}

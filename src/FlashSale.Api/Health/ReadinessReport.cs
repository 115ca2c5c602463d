using System.Text.Json;
using FlashSale.Api.Metrics;
using FlashSale.Api.Shutdown;
using FlashSale.Payments;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Api.Health;

public sealed record StoreReadiness(string Status, double? LatencyMs, string? Error);

/// <summary>The <c>/health/ready</c> body: overall status (<c>stopping</c>, with 503, once the process shuts down;
/// <c>starting</c>, with 503, until what follows the log here has caught up since the start), each store with its probe
/// latency, projection lag, breaker state, whether this process runs payments, and what is still catching up.</summary>
/// <param name="Payments"><c>leader</c> (this process holds the payments lease and charges), <c>standby</c> (it waits
/// for the lease), <c>on</c> (only the sweeper and callbacks: <c>Payments:ProcessorEnabled=false</c>) or <c>off</c>.</param>
/// <param name="Projector">See <see cref="ProjectorReadiness"/>.</param>
/// <param name="CatchingUp">By follower (<c>order-index</c>, <c>payments</c>, <c>projections</c>): how far each that has not
/// caught up since the start has come; absent once all have.</param>
public sealed record ReadinessReport(
    string Status,
    StoreReadiness EventStore,
    StoreReadiness ReadStore,
    IReadOnlyDictionary<string, ProjectionLag> Projections,
    string CircuitBreaker,
    string Payments,
    string Projector,
    IReadOnlyDictionary<string, CatchUpProgress>? CatchingUp = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var services = http.RequestServices;
        var catchingUp = report.Entries.TryGetValue(HealthApi.CatchUpCheck, out var catchUp) && catchUp.Data.Count > 0
            ? catchUp.Data.ToDictionary(d => d.Key, d => (CatchUpProgress)d.Value)
            : null;
        var body = new ReadinessReport(
            services.GetRequiredService<ServerStopping>().IsStopping ? StoppingHealthCheck.Status
            : catchingUp is not null ? CatchUpHealthCheck.Status
            : NameOf(report.Status),
            Store(report, HealthApi.EventStoreCheck),
            Store(report, HealthApi.ReadStoreCheck),
            report.Entries.TryGetValue(HealthApi.ProjectionsCheck, out var lag)
                ? lag.Data.ToDictionary(d => d.Key, d => (ProjectionLag)d.Value)
                : new Dictionary<string, ProjectionLag>(),
            CircuitBreakerHealthCheck.Name(services.GetRequiredService<OperabilityMetrics>().CircuitBreaker),
            PaymentsRole(services.GetRequiredService<PaymentsOptions>(), services.GetService<FlashSale.Payments.Lease.ProcessorLease>()),
            ProjectorReadiness.Of(services),
            catchingUp);
        return http.Response.WriteAsJsonAsync(body, Json);
    }

    private static string PaymentsRole(PaymentsOptions options, FlashSale.Payments.Lease.ProcessorLease? lease) =>
        !options.Enabled ? "off"
        : !options.ProcessorEnabled || lease is null ? "on"
        : lease.IsHeld ? "leader" : "standby";

    /// <summary>A store is up or down (<c>unhealthy</c>); what that means for the instance (a read store down only
    /// degrades it) is the overall status.</summary>
    private static StoreReadiness Store(HealthReport report, string name) =>
        report.Entries.TryGetValue(name, out var entry)
            ? new StoreReadiness(entry.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
                entry.Data.TryGetValue("latencyMs", out var ms) ? (double)ms : null,
                entry.Status == HealthStatus.Healthy ? null : entry.Description ?? entry.Exception?.Message)
            : new StoreReadiness("unknown", null, null);

    private static string NameOf(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}

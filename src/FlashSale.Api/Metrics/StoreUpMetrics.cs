using FlashSale.Api.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>
/// <c>flashsale_event_store_up</c> and <c>flashsale_read_store_up</c> (1 reachable, 0 not), from the readiness probes run
/// in the background every <see cref="MetricsOptions.RefreshSeconds"/> (at least every second), so an alert does not
/// depend on someone asking <c>/health/ready</c>. No series before the first probe.
/// </summary>
public sealed class StoreUpMetrics : IHealthCheckPublisher
{
    private readonly Gauge _eventStore, _readStore;

    public StoreUpMetrics(CollectorRegistry registry)
    {
        var metrics = MetricFactories.WithoutExemplars(registry);
        var quiet = new GaugeConfiguration { SuppressInitialValue = true };
        _eventStore = metrics.CreateGauge("flashsale_event_store_up", "1 when the event store answered the last readiness probe, else 0.", quiet);
        _readStore = metrics.CreateGauge("flashsale_read_store_up", "1 when the read store answered the last readiness probe, else 0.", quiet);
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        Set(_eventStore, report, HealthApi.EventStoreCheck);
        Set(_readStore, report, HealthApi.ReadStoreCheck);
        return Task.CompletedTask;
    }

    private static void Set(Gauge gauge, HealthReport report, string check)
    {
        if (report.Entries.TryGetValue(check, out var entry)) gauge.Set(entry.Status == HealthStatus.Healthy ? 1 : 0);
    }

    public static IServiceCollection AddStoreUpMetrics(IServiceCollection services)
    {
        services.AddSingleton<IHealthCheckPublisher, StoreUpMetrics>();
        services.AddOptions<HealthCheckPublisherOptions>().Configure<IOptions<MetricsOptions>>((publisher, metrics) =>
        {
            publisher.Delay = TimeSpan.FromSeconds(1);
            publisher.Period = TimeSpan.FromSeconds(Math.Max(1, metrics.Value.RefreshSeconds));
            publisher.Predicate = check => check.Name is HealthApi.EventStoreCheck or HealthApi.ReadStoreCheck;
        });
        return services;
    }
}

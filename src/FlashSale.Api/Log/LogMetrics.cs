using FlashSale.Api.Metrics;
using FlashSale.Application.CommandPath;
using Prometheus;

namespace FlashSale.Api.Log;

/// <summary>Gauges of what the log holds that this process could not read, refreshed when Prometheus scrapes.</summary>
public sealed class LogMetrics
{
    public LogMetrics(CollectorRegistry registry, LogAnomalies anomalies)
    {
        var metrics = MetricFactories.WithoutExemplars(registry);
        var unreadable = metrics.CreateGauge("flashsale_log_unreadable_events",
            "Events whose data this version cannot read, by state: blocking (their item answers 503 item.unreadable) or skipped.", ["state"]);
        var unknown = metrics.CreateGauge("flashsale_log_unknown_events", "Events of types this version does not know, skipped.");
        registry.AddBeforeCollectCallback(() =>
        {
            var reports = anomalies.UnreadableEvents;
            unreadable.WithLabels(UnreadableEvent.Blocking).Set(reports.Count(r => r.IsBlocking));
            unreadable.WithLabels(UnreadableEvent.Skipped).Set(reports.Count(r => !r.IsBlocking));
            unknown.Set(anomalies.UnknownCount);
        });
    }
}

using FlashSale.Application.CommandPath;
using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>Append latency, batch size and conflicts (per append, from <see cref="MeteredEventStore"/>), and the depth of
/// the item writers' queues (read from memory when Prometheus scrapes).</summary>
public sealed class WritePathMetrics : IWritePathMetrics
{
    private readonly Histogram _appendDuration, _batchSize;
    private readonly Counter _conflicts;
    private readonly CollectorRegistry _registry;

    public WritePathMetrics(CollectorRegistry registry)
    {
        _registry = registry;
        var metrics = MetricFactories.WithoutExemplars(registry);
        _appendDuration = metrics.CreateHistogram("flashsale_eventstore_append_duration_seconds", "Time of one append to the event store.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        _batchSize = metrics.CreateHistogram("flashsale_eventstore_append_batch_size", "Events in one append (a group-commit batch).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 12) });
        _conflicts = metrics.CreateCounter("flashsale_concurrency_conflicts_total",
            "Appends refused because another writer moved the stream first (each is decided again).");
    }

    /// <summary>Reads the writers' queue depth from memory on each scrape (no store read, nothing on the order path).</summary>
    public void ExportQueueDepth(ItemCommandPath commandPath)
    {
        var queueDepth = MetricFactories.WithoutExemplars(_registry)
            .CreateGauge("flashsale_item_queue_depth", "Commands waiting in the item writers' queues, all items together.");
        _registry.AddBeforeCollectCallback(() => queueDepth.Set(commandPath.ActiveWriters.Sum(w => w.QueueLength)));
    }

    public void AppendCompleted(int events, double seconds)
    {
        _appendDuration.Observe(seconds);
        _batchSize.Observe(events);
    }

    public void ConcurrencyConflict() => _conflicts.Inc();
}

using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>
/// The API's metrics carry no exemplars, except the two request latency histograms
/// (<see cref="TraceExemplars"/>): an exemplar names the trace of one observation, which is worth something only on
/// a latency (the trace of a slow request) and only where traces are recorded. prometheus-net's default asked for the
/// current Activity's trace on every counter increment and observation (ADR 0036).
/// </summary>
internal static class MetricFactories
{
    /// <summary>The trace and span of the request's Activity, when there is one (tracing listens); none otherwise.</summary>
    public static readonly ExemplarBehavior TraceExemplars = new() { DefaultExemplarProvider = (_, _) => Exemplar.FromTraceContext() };

    public static IMetricFactory WithoutExemplars(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        return factory;
    }
}

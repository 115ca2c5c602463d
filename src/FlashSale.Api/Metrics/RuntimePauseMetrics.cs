using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>
/// The time the runtime held every managed thread still for garbage collections. A hot sale keeps what each order leaves
/// behind (item state, order index, read-model rows) on the heap, and the GC's blocking collections copy it: their
/// pauses are what the slowest buyers wait for, which the collection counts alone do not show.
/// </summary>
internal static class RuntimePauseMetrics
{
    public static void Register(CollectorRegistry registry)
    {
        var pauses = Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("dotnet_gc_pause_seconds_total",
            "Time the runtime paused managed threads for garbage collections since the process started.");
        registry.AddBeforeCollectCallback(() => pauses.IncTo(GC.GetTotalPauseDuration().TotalSeconds));
    }
}

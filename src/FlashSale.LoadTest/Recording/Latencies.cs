using HdrHistogram;

namespace FlashSale.LoadTest.Recording;

/// <summary>An HdrHistogram of latencies in microseconds (1 us to 1 min, 3 significant digits): percentiles without
/// keeping every sample.</summary>
public sealed class Latencies
{
    private const long Highest = 60_000_000;
    private readonly LongHistogram _histogram = new(1, Highest, 3);

    public long Count => _histogram.TotalCount;

    public void Record(long microseconds) => _histogram.RecordValue(Math.Clamp(microseconds, 1, Highest));

    public long Percentile(double percentile) => Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile);

    public LatencySummary Summary() => new(Count, Percentile(50), Percentile(90), Percentile(99), Percentile(99.9),
        Count == 0 ? 0 : _histogram.GetMaxValue());
}

/// <summary>Latency percentiles in microseconds.</summary>
public sealed record LatencySummary(long Count, long P50, long P90, long P99, long P999, long Max);

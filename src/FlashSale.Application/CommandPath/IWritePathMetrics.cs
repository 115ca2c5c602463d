namespace FlashSale.Application.CommandPath;

/// <summary>
/// What the write path reports to the host's metrics: every append to the event store and every conflict. Called once
/// per append (a whole group-commit batch), never per order, so an implementation must only bump counters and
/// histograms: no I/O, no locks, no allocations.
/// </summary>
public interface IWritePathMetrics
{
    /// <summary>An append finished (committed or refused): <paramref name="events"/> events in one call, taking <paramref name="seconds"/>.</summary>
    void AppendCompleted(int events, double seconds);

    /// <summary>An append was refused because the stream was not at the expected revision (another writer got there first).</summary>
    void ConcurrencyConflict();
}

/// <summary>The default when no host collects metrics (CLI, benchmarks without <c>--metrics</c>).</summary>
public sealed class NoWritePathMetrics : IWritePathMetrics
{
    public static readonly NoWritePathMetrics Instance = new();

    public void AppendCompleted(int events, double seconds) { }

    public void ConcurrencyConflict() { }
}

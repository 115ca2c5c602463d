namespace FlashSale.Benchmarks;

/// <summary>What the process allocated and collected while a path was measured (the in-process double included).</summary>
internal readonly record struct GcWindow(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcWindow Now() => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration());

    public GcWindow Since(GcWindow start) => new(AllocatedBytes - start.AllocatedBytes, Gen0 - start.Gen0, Gen1 - start.Gen1,
        Gen2 - start.Gen2, Paused - start.Paused);

    public string Describe(double events, double seconds) =>
        $"{AllocatedBytes / Math.Max(1, events):F0} B allocated per event, GCs {Gen0}/{Gen1}/{Gen2} (gen0/1/2), paused {Paused.TotalMilliseconds / seconds:F0} ms/s";
}

using System.Diagnostics;

namespace FlashSale.Benchmarks;

/// <summary>The CPU the whole process used while a path was measured: the engine and its in-process callers (and the
/// in-process double or projections when they run). The write path waits for durable commits, so orders/s alone does not
/// say what an order costs; this does (ADR 0042's budget).</summary>
internal readonly record struct CpuWindow(TimeSpan ProcessorTime)
{
    public static CpuWindow Now()
    {
        using var process = Process.GetCurrentProcess();
        return new(process.TotalProcessorTime);
    }

    public CpuWindow Since(CpuWindow start) => new(ProcessorTime - start.ProcessorTime);

    public double Cores(double seconds) => ProcessorTime.TotalSeconds / seconds;

    public double MicrosecondsPer(double orders) => ProcessorTime.TotalMicroseconds / Math.Max(1, orders);

    public string Describe(double orders, double seconds) =>
        $"CPU {MicrosecondsPer(orders):F1} µs per order, {Cores(seconds):F2} of {Environment.ProcessorCount} cores";
}

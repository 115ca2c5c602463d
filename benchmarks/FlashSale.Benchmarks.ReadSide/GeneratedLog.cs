using System.Diagnostics;
using FlashSale.EventStore;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.Benchmarks.ReadSide;

/// <summary>A generated sale of a given size in the SQLite log: made once and kept (the file name carries the size),
/// so repeated runs time only the rebuild.</summary>
internal static class GeneratedLog
{
    public static async Task EnsureAsync(IEventStore log, long events)
    {
        var head = (long)((await log.ReadHeadPositionAsync())?.Commit ?? 0);
        if (head >= events)
        {
            Console.WriteLine($"log: {head:N0} events already there");
            return;
        }
        if (head > 0) throw new InvalidOperationException($"The log holds {head:N0} of {events:N0} events (an interrupted run?): delete it and start again.");
        var watch = Stopwatch.StartNew();
        var generator = new SaleGenerator(seed: 2026, items: 500, prefix: "bench");
        var sale = new SaleLog(log);
        while (generator.EventsGenerated < events)
        {
            // Large appends, so filling the log takes seconds: each append is a durable commit.
            await sale.AppendAsync(generator.Next(operations: 300));
            if (generator.EventsGenerated % 100_000 < 600) Console.Write($"\rlog: {generator.EventsGenerated:N0} events");
        }
        Console.WriteLine($"\rlog: {generator.EventsGenerated:N0} events generated in {watch.Elapsed.TotalSeconds:F1} s");
    }
}

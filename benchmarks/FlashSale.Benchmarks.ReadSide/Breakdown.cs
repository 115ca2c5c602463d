using FlashSale.Contracts;
using System.Diagnostics;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Running;

namespace FlashSale.Benchmarks.ReadSide;

/// <summary>Where a rebuild's time goes before the store: reading the log in rebuild-sized pages, then also decoding
/// every event and applying a projection in memory. The rest of a rebuild's time is the store's.</summary>
internal static class Breakdown
{
    public static async Task PrintAsync(IEventStore log, IReadOnlyList<IProjection> projections, int batch)
    {
        var watch = Stopwatch.StartNew();
        var read = await ReplayAsync(log, batch, _ => { });
        Console.WriteLine($"read only      {read,10:N0} events {watch.Elapsed.TotalSeconds,7:F1} s {read / watch.Elapsed.TotalSeconds,10:N0} events/s");
        foreach (var projection in projections)
        {
            var rows = new Dictionary<RowKey, object?>();
            watch.Restart();
            await ReplayAsync(log, batch, page =>
            {
                foreach (var recorded in page)
                    if (EventDecoder.Decode(recorded) is { } e && projection.KeyOf(e) is { } key)
                        rows[key] = projection.Apply(rows.GetValueOrDefault(key), e);
            });
            var decode = watch.Elapsed.TotalSeconds;
            foreach (var row in rows.Values) if (row is not null) projection.ToValues(row);
            Console.WriteLine($"{projection.Name,-14} read + decode + apply {decode,6:F1} s, + row values {watch.Elapsed.TotalSeconds - decode,5:F1} s ({rows.Count:N0} rows)");
        }
    }

    private static async Task<long> ReplayAsync(IEventStore log, int batch, Action<List<RecordedEvent>> apply)
    {
        var (count, position) = (0L, (LogPosition?)null);
        while (true)
        {
            var page = await log.ReadAllAsync(position, batch, ItemStreams.Filter).ToListAsync();
            if (page.Count == 0) return count;
            apply(page);
            count += page.Count;
            position = page[^1].Position;
        }
    }
}

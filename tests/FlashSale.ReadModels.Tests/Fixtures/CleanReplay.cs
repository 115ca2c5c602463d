using FlashSale.Contracts;
using System.Globalization;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>What a read model must hold: the projection applied in memory over the whole log, one event at a time,
/// skipping what the runner records as poison events. Rows are compared as text, sorted (by key: it leads every row).</summary>
public static class CleanReplay
{
    public static async Task<IReadOnlyList<RecordedEvent>> ReadLogAsync(IEventStore events) =>
        await events.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter).ToListAsync();

    public static IReadOnlyList<string> Rows(IProjection projection, IEnumerable<RecordedEvent> log)
    {
        var rows = new Dictionary<RowKey, object?>();
        foreach (var recorded in log)
        {
            ProjectedEvent? projected;
            try
            {
                projected = EventDecoder.Decode(recorded);
            }
            catch (System.Text.Json.JsonException)
            {
                continue;
            }
            if (projected is null || projection.KeyOf(projected) is not { } key) continue;
            try
            {
                rows[key] = projection.Apply(rows.GetValueOrDefault(key), projected);
            }
            catch (InvalidOperationException)
            {
                // refused by the projection: a poison event, the row stays as it was
            }
        }
        return Sorted(rows.Values.Where(r => r is not null).Select(r => projection.ToValues(r!)));
    }

    public static async Task<IReadOnlyList<string>> TableAsync(IReadModelStore store, IProjection projection) =>
        Sorted(await store.ReadAllRowsAsync(projection).ToListAsync());

    public static string Format(object?[] values) =>
        string.Join(" | ", values.Select(v => v switch { null => "null", long n => n.ToString(CultureInfo.InvariantCulture), _ => (string)v }));

    private static List<string> Sorted(IEnumerable<object?[]> rows) =>
        [.. rows.Select(Format).Order(StringComparer.Ordinal)];
}

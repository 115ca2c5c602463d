using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;

namespace FlashSale.Api.Tests.Restart;

/// <summary>A sale written straight into a data directory's events.db, the way the write side stores it: items listed
/// with a long payment window, then orders placed and reserved round-robin over the items (two events each).</summary>
public static class GeneratedSale
{
    private static readonly byte[] Metadata =
        ItemEventSerializer.SerializeMetadata(new EventMetadata("restart-tests", "restart-tests", "tests", DateTimeOffset.UnixEpoch));

    public static string OrderId(int order) => $"o-{order}";

    public static string ItemOf(int order, int items) => $"item-{order % items}";

    /// <summary>Appends orders <paramref name="from"/> .. <paramref name="to"/> (exclusive), listing the items first when
    /// <paramref name="from"/> is 0.</summary>
    /// <returns>The position of the last event.</returns>
    public static async Task<LogPosition> AppendAsync(string dataDirectory, int items, int from, int to)
    {
        await using var store = await SqliteEventStore.OpenAsync(Path.Combine(dataDirectory, "events.db"));
        var now = DateTimeOffset.UtcNow;
        var last = LogPosition.Start;
        for (var item = 0; item < items; item++)
        {
            var stream = ItemStreams.For($"item-{item}");
            var revision = -1L;
            await foreach (var recorded in store.ReadStreamAsync(stream)) revision = recorded.StreamRevision;
            var events = new List<ItemEvent>();
            if (revision < 0)
                events.Add(new SaleItemListed($"item-{item}", "generated", 10_000_000, 1, null, null, 3600, now));
            for (var order = from; order < to; order++)
            {
                if (order % items != item) continue;
                events.Add(new OrderPlaced($"item-{item}", OrderId(order), $"u-{order}", 1, now));
                events.Add(new StockReserved($"item-{item}", OrderId(order), $"u-{order}", 1, now.AddHours(1)));
            }
            foreach (var chunk in events.Chunk(500))
            {
                var data = chunk.Select((e, i) => ItemEventSerializer.ToEventData(e, revision + 1 + i, Metadata)).ToList();
                var result = (AppendResult.Success)await store.AppendAsync(stream, ExpectedRevision.After(revision), data);
                revision = result.NextExpectedRevision;
                last = result.Position > last ? result.Position : last;
            }
        }
        return last;
    }

    /// <summary>Every event of the sale, decoded, with its position, in log order.</summary>
    public static async Task<IReadOnlyList<(LogPosition Position, ItemEvent Event)>> ReadWithPositionsAsync(string dataDirectory)
    {
        await using var store = await SqliteEventStore.OpenAsync(Path.Combine(dataDirectory, "events.db"));
        var events = new List<(LogPosition, ItemEvent)>();
        await foreach (var recorded in store.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter))
            if (ItemEventSerializer.Deserialize(recorded) is { } @event) events.Add((recorded.Position, @event));
        return events;
    }
}

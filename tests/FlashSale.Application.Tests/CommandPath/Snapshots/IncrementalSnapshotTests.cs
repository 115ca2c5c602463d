using System.Collections.Concurrent;
using FlashSale.EventStore.Snapshots;
using FlashSale.Domain.Items;
using static FlashSale.Application.Tests.CommandPath.Snapshots.RestartableItem;

namespace FlashSale.Application.Tests.CommandPath.Snapshots;

/// <summary>A writer's incremental snapshot carries the header and exactly the chunks the events since its base touched.</summary>
public sealed class IncrementalSnapshotTests
{
    [Fact]
    public async Task each_incremental_snapshot_rewrites_only_the_chunks_of_the_orders_buyers_and_restocks_its_events_changed()
    {
        var recorded = new ConcurrentQueue<(SnapshotWrite Write, SnapshotWriteResult Result)>();
        await using var item = await new RestartableItem(every: 200, wrap: store => new RecordingSnapshotStore(store, recorded)).StartAsync();
        await item.SendAsync(new ListItem("lamp", "Lamp", 100_000, 3, null, null, 600, Start));
        for (var group = 0; group < 24; group++)
            await Task.WhenAll(Enumerable.Range(group * 100, 100).Select(i =>
                item.SendAsync(new PlaceOrder("lamp", $"o-{i}", $"u-{i}", 1, Start.AddSeconds(group)))));
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => item.SendAsync(new ConfirmPayment("lamp", $"o-{i}", $"psp-{i}", Start.AddMinutes(1)))));
        await item.SendAsync(new RestockItem("lamp", 5, "found", Start.AddMinutes(1), "op-1"));
        for (var i = 0; i < 300; i++) await item.SendAsync(new PlaceOrder("lamp", $"late-{i}", $"u-{i}", 1, Start.AddMinutes(2)));
        await item.RestartAsync();

        var events = await item.EventsAsync();
        var writes = recorded.ToList();
        writes.ShouldAllBe(w => w.Result == SnapshotWriteResult.Written);
        writes[0].Write.BasedOn.ShouldBeNull();
        var incremental = writes.Skip(1).Select(w => w.Write).ToList();
        incremental.Count.ShouldBeGreaterThan(5);
        foreach (var write in incremental)
        {
            var changed = ChunksTouched(events, write.BasedOn!.Value, write.Revision);
            write.Entries.Select(e => e.Key).Order(StringComparer.Ordinal).ToList().ShouldBe(changed, $"write at {write.Revision} on {write.BasedOn}");
        }
        // The last chunks are rewritten, the first not again once its orders stopped changing.
        incremental.Count(w => w.Entries.Any(e => e.Key == "o:0")).ShouldBeLessThan(incremental.Count);
        incremental.ShouldContain(w => w.Entries.Any(e => e.Key == "o:1"));
        incremental.ShouldContain(w => w.Entries.Any(e => e.Key == "r:0"));
    }

    /// <summary>The chunk keys of the events in (<paramref name="after"/>, <paramref name="upTo"/>], slots given in the order
    /// the whole stream first names each order id, buyer and restock operation.</summary>
    private static List<string> ChunksTouched(List<(long Revision, ItemEvent Event)> events, long after, long upTo)
    {
        var (orders, users, restocks) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>());
        var touched = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (revision, @event) in events)
        {
            var keys = @event switch
            {
                StockReserved e => [Slot("o:", orders, e.OrderId), Slot("u:", users, e.UserId)],
                StockReleased e => [Slot("o:", orders, e.OrderId), Slot("u:", users, e.UserId)],
                OrderEvent e => [Slot("o:", orders, e.OrderId)],
                ItemRestocked { OperationId: { } id } => [Slot("r:", restocks, id)],
                _ => Array.Empty<string>(),
            };
            if (revision > after && revision <= upTo) touched.UnionWith(keys);
        }
        return [.. touched];
    }

    private static string Slot(string kind, Dictionary<string, int> slots, string key)
    {
        if (!slots.TryGetValue(key, out var slot)) slots[key] = slot = slots.Count;
        return kind + slot / 2048;
    }
}

using System.IO.Hashing;
using System.Text;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>What an item writer knows after folding its stream up to <see cref="Revision"/>: the item, the positions it
/// answers repeats with, and the layout of its snapshot. Written as a binary header and chunks of up to
/// <see cref="SnapshotLayout.ChunkSize"/> orders, buyers or restock operations (ADR 0018, format ADR 0022).</summary>
internal sealed record ItemSnapshot(Listed State, long Revision, Guid EventId, SnapshotLayout Layout,
    Dictionary<string, OrderPositions> OrderPositions, Dictionary<string, LogPosition> RestockPositions)
{
    private const string HeaderKey = "header", OrderKey = "o:", UserKey = "u:", RestockKey = "r:";

    /// <summary>The format and the event types this version reads: a snapshot written by a version that knew other types
    /// (or folded or laid them out differently) is not used.</summary>
    public static string Schema { get; } = "item-state.2;" + Hash(string.Join(',', ItemEventTypes.Names.Order(StringComparer.Ordinal)));

    /// <summary>The header and the chunks in <paramref name="changes"/> (every chunk when null), read from the writer's item.</summary>
    public static SnapshotWrite Write(string streamId, Listed s, long revision, Guid eventId, SnapshotLayout layout, SnapshotChanges? changes,
        long? basedOn, Dictionary<string, OrderPositions> orderPositions, Dictionary<string, LogPosition> restockPositions)
    {
        var encoder = new SnapshotEncoder();
        var entries = new List<SnapshotEntry>();
        foreach (var chunk in Chunks(layout.Orders, changes?.Orders))
        {
            OrderChunk.Write(encoder, layout.Orders.Chunk(chunk), s, orderPositions);
            entries.Add(encoder.ToEntry(OrderKey + chunk));
        }
        foreach (var chunk in Chunks(layout.Users, changes?.Users))
        {
            HoldingChunk.Write(encoder, layout.Users.Chunk(chunk), s);
            entries.Add(encoder.ToEntry(UserKey + chunk));
        }
        foreach (var chunk in Chunks(layout.Restocks, changes?.Restocks))
        {
            RestockChunk.Write(encoder, layout.Restocks.Chunk(chunk), s, restockPositions);
            entries.Add(encoder.ToEntry(RestockKey + chunk));
        }
        var counts = new SnapshotCounts(layout.Orders.Count, layout.Users.Count, layout.Restocks.Count, s.Orders.Count,
            s.ClosedSaleRejections.Count, s.Holdings.Count, s.Restocks.Count);
        SnapshotHeader.Write(encoder, s, counts);
        return new SnapshotWrite(streamId, revision, eventId, Schema, encoder.Finish(HeaderKey), entries, basedOn);
    }

    /// <summary>The snapshot as the writer folded it; throws <see cref="InvalidDataException"/> when any part of it is
    /// missing, damaged or does not add up to what the header says.</summary>
    public static ItemSnapshot Read(StoredSnapshot stored)
    {
        var chars = new char[256];
        var header = new SnapshotDecoder(HeaderKey, stored.Header.Span, chars);
        var (item, counts) = SnapshotHeader.Read(ref header);
        var (orderChunks, userChunks, restockChunks) = (new SnapshotEntry?[SnapshotLayout.ChunksOf(counts.OrderSlots)],
            new SnapshotEntry?[SnapshotLayout.ChunksOf(counts.UserSlots)], new SnapshotEntry?[SnapshotLayout.ChunksOf(counts.RestockSlots)]);
        foreach (var entry in stored.Entries)
        {
            var chunks = entry.Key.Length > 2 ? entry.Key[..2] switch
            {
                OrderKey => orderChunks, UserKey => userChunks, RestockKey => restockChunks, _ => null,
            } : null;
            if (chunks is null || !int.TryParse(entry.Key.AsSpan(2), System.Globalization.NumberStyles.None, null, out var index)
                || index >= chunks.Length || chunks[index] is not null)
                throw new InvalidDataException($"the snapshot has an entry '{entry.Key}' its header does not name");
            chunks[index] = entry;
        }
        var load = new SnapshotLoad(counts);
        // Buyers on another core while the orders decode: they share nothing but the header's counts.
        var users = Task.Run(() => ReadUsers(userChunks, counts, load));
        for (var i = 0; i < orderChunks.Length; i++)
        {
            var decoder = Decoder(orderChunks[i], OrderKey + i, chars);
            OrderChunk.Read(ref decoder, SlotsIn(counts.OrderSlots, i), load);
            decoder.End();
        }
        for (var i = 0; i < restockChunks.Length; i++)
        {
            var decoder = Decoder(restockChunks[i], RestockKey + i, chars);
            RestockChunk.Read(ref decoder, SlotsIn(counts.RestockSlots, i), load);
            decoder.End();
        }
        users.GetAwaiter().GetResult();
        var (orders, closed, holdings, restocks) = (load.Orders.ToMap(), load.Closed.ToMap(), load.Holdings.ToMap(), load.Restocks.ToMap());
        if ((orders.Count, closed.Count, holdings.Count, restocks.Count) != (counts.Orders, counts.Closed, counts.Holdings, counts.Restocks))
            throw new InvalidDataException("the snapshot's chunks do not hold as many orders, rejections, buyers and restocks as its header says");
        var state = item with { Orders = orders, Holdings = holdings, ClosedSaleRejections = closed, Restocks = restocks };
        return new ItemSnapshot(state, stored.Revision, stored.EventId, load.Layout, load.OrderPositions, load.RestockPositions);
    }

    private static void ReadUsers(SnapshotEntry?[] chunks, SnapshotCounts counts, SnapshotLoad load)
    {
        var chars = new char[256];
        for (var i = 0; i < chunks.Length; i++)
        {
            var decoder = Decoder(chunks[i], UserKey + i, chars);
            HoldingChunk.Read(ref decoder, SlotsIn(counts.UserSlots, i), load);
            decoder.End();
        }
    }

    private static IEnumerable<int> Chunks(SlotTable slots, HashSet<int>? changed) =>
        changed is null ? Enumerable.Range(0, SnapshotLayout.ChunksOf(slots.Count)) : changed.Order();

    private static int SlotsIn(int slots, int chunk) => Math.Min(SnapshotLayout.ChunkSize, slots - chunk * SnapshotLayout.ChunkSize);

    private static SnapshotDecoder Decoder(SnapshotEntry? entry, string key, char[] chars) =>
        entry is null ? throw new InvalidDataException($"the snapshot has no entry '{key}'") : new SnapshotDecoder(key, entry.Data.Span, chars);

    private static string Hash(string text) => Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(text)));
}

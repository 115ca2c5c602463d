using FlashSale.Domain.Collections;
using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>The listed item's fields other than its maps, the chunk size and the counts the chunks must add up to.</summary>
internal static class SnapshotHeader
{
    public static void Write(SnapshotEncoder to, Listed s, SnapshotCounts counts)
    {
        to.WriteVarint(SnapshotLayout.ChunkSize);
        to.WriteString(s.ItemId);
        to.WriteString(s.Name);
        to.WriteZigzag(s.PerUserLimit);
        OptionalTime(to, s.SaleStartsAt);
        OptionalTime(to, s.SaleEndsAt);
        foreach (var value in (ReadOnlySpan<int>)[s.PaymentWindowSeconds, s.InitialStock, s.Restocked, s.Available]) to.WriteZigzag(value);
        OptionalTime(to, s.EarliestDeadline);
        foreach (var count in (ReadOnlySpan<int>)[counts.OrderSlots, counts.UserSlots, counts.RestockSlots, counts.Orders, counts.Closed,
                     counts.Holdings, counts.Restocks])
            to.WriteVarint((ulong)count);
    }

    /// <returns>The item with empty maps, and the counts.</returns>
    public static (Listed Item, SnapshotCounts Counts) Read(ref SnapshotDecoder from)
    {
        var chunkSize = from.ReadVarint();
        if (chunkSize != SnapshotLayout.ChunkSize)
            throw new InvalidDataException($"the snapshot's chunks hold {chunkSize} slots, this version's {SnapshotLayout.ChunkSize}");
        var item = new Listed(from.ReadString(), from.ReadString(), from.ReadInt(), OptionalTime(ref from), OptionalTime(ref from),
            from.ReadInt(), from.ReadInt(), from.ReadInt(), from.ReadInt(), PersistentMap<OrderRecord>.Empty, PersistentMap<int>.Empty)
        {
            EarliestDeadline = OptionalTime(ref from),
        };
        var counts = new SnapshotCounts(Count(ref from), Count(ref from), Count(ref from), Count(ref from), Count(ref from), Count(ref from),
            Count(ref from));
        from.End();
        return (item, counts);
    }

    private static int Count(ref SnapshotDecoder from) =>
        from.ReadVarint() is var count && count <= int.MaxValue ? (int)count : throw new InvalidDataException("the snapshot's header holds a count out of range");

    private static void OptionalTime(SnapshotEncoder to, DateTimeOffset? time)
    {
        to.WriteByte(time is null ? (byte)0 : (byte)1);
        if (time is { } t) to.WriteTime(t);
    }

    private static DateTimeOffset? OptionalTime(ref SnapshotDecoder from) => from.ReadByte() switch
    {
        0 => null,
        1 => from.ReadTime(),
        var other => throw new InvalidDataException($"the snapshot's header has a time marked {other}"),
    };
}

using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>One entry of up to <see cref="SnapshotLayout.ChunkSize"/> restock operations: the record and the position.</summary>
internal static class RestockChunk
{
    [Flags]
    private enum Has { Record = 1, Position = 1 << 1, OtherOperationId = 1 << 2 }

    public static void Write(SnapshotEncoder to, ReadOnlySpan<string> ids, Listed s, Dictionary<string, LogPosition> positions)
    {
        to.WriteVarint((ulong)ids.Length);
        var previous = "";
        foreach (var id in ids)
        {
            var restock = s.Restocks.TryGetValue(id, out var r) ? r : null;
            LogPosition? position = positions.TryGetValue(id, out var p) ? p : null;
            var has = (restock is null ? 0 : Has.Record) | (position is null ? 0 : Has.Position)
                | (restock is null || restock.OperationId == id ? 0 : Has.OtherOperationId);
            to.WriteFrontCoded(id, ref previous);
            to.WriteVarint((ulong)has);
            if (restock is not null)
            {
                if (has.HasFlag(Has.OtherOperationId)) to.WriteString(restock.OperationId);
                to.WriteZigzag(restock.Quantity);
                to.WriteZigzag(restock.AvailableAfter);
            }
            if (position is { } at) to.WritePosition(at);
        }
    }

    // Runs once per process, on a cold start: optimized at its first call rather than after tiering.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Read(ref SnapshotDecoder from, int expected, SnapshotLoad into)
    {
        var count = from.ReadCount();
        if (count != expected) throw new InvalidDataException($"a restock chunk holds {count} operations where its slots say {expected}");
        var previous = "";
        for (var i = 0; i < count; i++)
        {
            var id = from.ReadFrontCoded(ref previous);
            into.Layout.Restocks.Add(id);
            var has = (Has)from.ReadVarint();
            if (has.HasFlag(Has.Record))
                into.Restocks.Add(id, new RestockRecord(has.HasFlag(Has.OtherOperationId) ? from.ReadString() : id, from.ReadInt(), from.ReadInt()));
            if (has.HasFlag(Has.Position)) into.RestockPositions.Add(id, from.ReadPosition());
        }
    }
}

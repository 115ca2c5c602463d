using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>One entry of up to <see cref="SnapshotLayout.ChunkSize"/> buyers and the units each holds.</summary>
internal static class HoldingChunk
{
    public static void Write(SnapshotEncoder to, ReadOnlySpan<string> users, Listed s)
    {
        to.WriteVarint((ulong)users.Length);
        var previous = "";
        foreach (var user in users)
        {
            to.WriteFrontCoded(user, ref previous);
            // A buyer named by a reservation the item did not take (a retry of an order it never saw) holds no entry.
            if (s.Holdings.TryGetValue(user, out var held)) to.WriteZigzag((long)held << 1 | 1);
            else to.WriteVarint(0);
        }
    }

    // Runs once per process, on a cold start: optimized at its first call rather than after tiering.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Read(ref SnapshotDecoder from, int expected, SnapshotLoad into)
    {
        var count = from.ReadCount();
        if (count != expected) throw new InvalidDataException($"a buyer chunk holds {count} buyers where its slots say {expected}");
        var previous = "";
        for (var i = 0; i < count; i++)
        {
            var user = from.ReadFrontCoded(ref previous);
            into.Layout.Users.Add(user);
            var held = from.ReadZigzag();
            if ((held & 1) != 0) into.Holdings.Add(user, checked((int)(held >> 1)));
            else if (held != 0) throw new InvalidDataException($"buyer '{user}' has a holding of no known form");
        }
    }
}

using System.Buffers.Binary;
using System.Text;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.EventStore.EventStoreDb.Snapshots;

/// <summary>
/// One snapshot write as bytes: the header, then every entry (key and data), each length-prefixed (big-endian uint32).
/// Cut into parts of any size, so neither a large entry nor a large write depends on the server's event or append limits.
/// </summary>
internal static class SnapshotBlob
{
    public static byte[] Encode(ReadOnlyMemory<byte> header, IReadOnlyList<SnapshotEntry> entries)
    {
        long size = 8 + header.Length;
        foreach (var entry in entries) size += 8 + Encoding.UTF8.GetByteCount(entry.Key) + entry.Data.Length;
        if (size > Array.MaxLength) throw new ArgumentException($"A snapshot of {size} bytes is larger than one write can hold.");
        var blob = new byte[size];
        var at = Put(blob, 0, header.Span);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(at), (uint)entries.Count);
        at += 4;
        foreach (var entry in entries)
        {
            var keyLength = Encoding.UTF8.GetBytes(entry.Key, blob.AsSpan(at + 4));
            BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(at), (uint)keyLength);
            at = Put(blob, at + 4 + keyLength, entry.Data.Span);
        }
        return blob;
    }

    /// <exception cref="InvalidDataException">The bytes are not a whole blob.</exception>
    public static (ReadOnlyMemory<byte> Header, List<SnapshotEntry> Entries) Decode(ReadOnlyMemory<byte> blob)
    {
        var at = 0;
        var header = Take(blob, ref at);
        var count = (int)Length(blob.Span, ref at);
        var entries = new List<SnapshotEntry>(Math.Min(count, blob.Length / 8));
        for (var i = 0; i < count; i++)
        {
            var key = Encoding.UTF8.GetString(Take(blob, ref at).Span);
            entries.Add(new SnapshotEntry(key, Take(blob, ref at)));
        }
        if (at != blob.Length) throw new InvalidDataException($"A snapshot write holds {blob.Length - at} bytes after its last entry.");
        return (header, entries);
    }

    private static int Put(byte[] blob, int at, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(at), (uint)data.Length);
        data.CopyTo(blob.AsSpan(at + 4));
        return at + 4 + data.Length;
    }

    private static ReadOnlyMemory<byte> Take(ReadOnlyMemory<byte> blob, ref int at)
    {
        var length = Length(blob.Span, ref at);
        if (length > blob.Length - at) throw new InvalidDataException("A snapshot write ends inside an entry.");
        var taken = blob.Slice(at, (int)length);
        at += (int)length;
        return taken;
    }

    private static uint Length(ReadOnlySpan<byte> blob, ref int at)
    {
        if (blob.Length - at < 4) throw new InvalidDataException("A snapshot write ends inside a length.");
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob[at..]);
        at += 4;
        return length;
    }
}

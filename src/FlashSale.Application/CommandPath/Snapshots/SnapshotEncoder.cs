using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using FlashSale.EventStore;
using FlashSale.EventStore.Snapshots;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>Writes one entry of the binary snapshot format (ADR 0022): varints, zigzag deltas for times and positions,
/// strings front-coded against the one before, and a checksum of the key and the bytes at the end.</summary>
internal sealed class SnapshotEncoder
{
    public const int ChecksumLength = sizeof(ulong);

    private byte[] _buffer = new byte[4096];
    private int _length;
    private long _ticks;
    private ulong _commit;

    public void WriteVarint(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    public void WriteZigzag(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    public void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    public void WriteString(string value) => WriteString(value.AsSpan());

    private void WriteString(ReadOnlySpan<char> value)
    {
        WriteVarint((ulong)Encoding.UTF8.GetByteCount(value));
        WriteUtf8(value);
    }

    /// <summary>The length of the prefix <paramref name="value"/> shares with <paramref name="previous"/>, then the rest.</summary>
    public void WriteFrontCoded(string value, ref string previous)
    {
        var shared = value.AsSpan().CommonPrefixLength(previous);
        // Never split a surrogate pair: the rest must be valid text on its own.
        if (shared > 0 && shared < value.Length && char.IsLowSurrogate(value[shared])) shared--;
        WriteVarint((ulong)shared);
        WriteString(value.AsSpan(shared)); // a span: no string per entry for the rest
        previous = value;
    }

    /// <summary>A time as the distance from the previous time of the entry (UTC ticks), and its offset in minutes.</summary>
    public void WriteTime(DateTimeOffset value)
    {
        WriteZigzag(value.UtcTicks - _ticks);
        WriteZigzag((long)value.Offset.TotalMinutes);
        _ticks = value.UtcTicks;
    }

    public void WritePosition(LogPosition value)
    {
        WriteZigzag((long)(value.Commit - _commit));
        WriteZigzag((long)(value.Prepare - value.Commit));
        _commit = value.Commit;
    }

    /// <summary>The entry, checksummed with its key; the encoder starts afresh.</summary>
    public SnapshotEntry ToEntry(string key) => new(key, Finish(key));

    public byte[] Finish(string key)
    {
        var data = new byte[_length + ChecksumLength];
        _buffer.AsSpan(0, _length).CopyTo(data);
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(_length), Checksum(key, data.AsSpan(0, _length)));
        (_length, _ticks, _commit) = (0, 0, 0);
        return data;
    }

    public static ulong Checksum(string key, ReadOnlySpan<byte> data)
    {
        var hash = new XxHash64();
        hash.Append(Encoding.UTF8.GetBytes(key));
        hash.Append(data);
        return hash.GetCurrentHashAsUInt64();
    }

    private void WriteUtf8(ReadOnlySpan<char> value)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }
}

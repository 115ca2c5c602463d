using System.Buffers.Binary;
using System.Text;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>Reads what <see cref="SnapshotEncoder"/> wrote; anything short, out of range or not matching its checksum
/// throws <see cref="InvalidDataException"/>.</summary>
internal ref struct SnapshotDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _key;
    private int _offset;
    private long _ticks;
    private ulong _commit;
    private char[] _chars;

    public SnapshotDecoder(string key, ReadOnlySpan<byte> entry, char[] chars)
    {
        if (entry.Length < SnapshotEncoder.ChecksumLength) throw Damaged(key, "is shorter than its checksum");
        _data = entry[..^SnapshotEncoder.ChecksumLength];
        if (BinaryPrimitives.ReadUInt64LittleEndian(entry[^SnapshotEncoder.ChecksumLength..]) != SnapshotEncoder.Checksum(key, _data))
            throw Damaged(key, "does not match its checksum");
        (_key, _chars) = (key, chars);
    }

    public readonly bool AtEnd => _offset == _data.Length;

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_offset >= _data.Length) throw Damaged(_key, "ends inside a number");
            var b = _data[_offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Damaged(_key, "holds a number of more than 64 bits");
    }

    public long ReadZigzag()
    {
        var value = ReadVarint();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    public int ReadInt() => checked((int)ReadZigzag());

    public int ReadCount()
    {
        var count = ReadVarint();
        return count <= (ulong)(_data.Length - _offset) * 8 + 1 ? (int)count : throw Damaged(_key, "holds a count larger than itself");
    }

    public byte ReadByte() => _offset < _data.Length ? _data[_offset++] : throw Damaged(_key, "ends inside a field");

    public string ReadString()
    {
        var bytes = Take(ReadCount());
        return Encoding.UTF8.GetString(bytes);
    }

    public string ReadFrontCoded(ref string previous)
    {
        var shared = ReadVarint();
        if (shared > (ulong)previous.Length) throw Damaged(_key, "shares more of a key than the key before holds");
        var rest = Take(ReadCount());
        var length = (int)shared + Encoding.UTF8.GetCharCount(rest);
        if (_chars.Length < length) _chars = new char[Math.Max(length, _chars.Length * 2)];
        previous.AsSpan(0, (int)shared).CopyTo(_chars);
        Encoding.UTF8.GetChars(rest, _chars.AsSpan((int)shared));
        return previous = new string(_chars, 0, length);
    }

    public DateTimeOffset ReadTime()
    {
        var ticks = checked(_ticks + ReadZigzag());
        var offset = ReadZigzag();
        _ticks = ticks;
        try
        {
            var utc = new DateTimeOffset(ticks, TimeSpan.Zero);
            return utc.ToOffset(TimeSpan.FromMinutes(offset));
        }
        catch (ArgumentException ex)
        {
            throw Damaged(_key, $"holds a time out of range ({ex.Message})");
        }
    }

    public LogPosition ReadPosition()
    {
        var commit = unchecked(_commit + (ulong)ReadZigzag());
        var prepare = unchecked(commit + (ulong)ReadZigzag());
        _commit = commit;
        return new LogPosition(commit, prepare);
    }

    public readonly void End()
    {
        if (!AtEnd) throw Damaged(_key, $"holds {_data.Length - _offset} bytes after its last field");
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _offset) throw Damaged(_key, "ends inside a string");
        var span = _data.Slice(_offset, length);
        _offset += length;
        return span;
    }

    public static InvalidDataException Damaged(string key, string what) => new($"the snapshot's entry '{key}' {what}");
}

namespace FlashSale.EventStore.EventStoreDb.Wire;

/// <summary>The few protobuf encodings the adapter writes by hand: length-delimited fields and varints.</summary>
internal static class ProtoWriter
{
    /// <summary>Bytes of a length-delimited field (tag, length, content) whose content is <paramref name="length"/> bytes.</summary>
    public static int Field(int length) => 1 + VarintSize((ulong)length) + length;

    public static int VarintSize(ulong value) => value < 0x80 ? 1 : (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 6) / 7;

    public static void Header(Span<byte> span, ref int at, int field, int length)
    {
        span[at++] = (byte)((field << 3) | 2);
        Varint(span, ref at, (ulong)length);
    }

    public static void Bytes(Span<byte> span, ref int at, int field, ReadOnlySpan<byte> bytes)
    {
        Header(span, ref at, field, bytes.Length);
        bytes.CopyTo(span[at..]);
        at += bytes.Length;
    }

    public static void Varint(Span<byte> span, ref int at, int tag, ulong value)
    {
        span[at++] = (byte)tag;
        Varint(span, ref at, value);
    }

    public static void Varint(Span<byte> span, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[at++] = (byte)value;
    }
}

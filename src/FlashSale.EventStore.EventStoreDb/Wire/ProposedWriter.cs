using System.Buffers.Binary;
using System.Text;
using static FlashSale.EventStore.EventStoreDb.Wire.ProtoWriter;

namespace FlashSale.EventStore.EventStoreDb.Wire;

/// <summary>
/// A <c>ProposedMessage</c> (Append's and BatchAppend's have the same fields) written straight from its
/// <see cref="EventData"/>: UUID, metadata (type, content-type, in the order <see cref="WireEvents.ToProposed"/> adds
/// them), custom metadata, data; and a UUID as its structured halves.
/// </summary>
internal static class ProposedWriter
{
    private static readonly byte[] TypeKey = Encoding.UTF8.GetBytes(WireEvents.TypeKey);
    private static readonly byte[] ContentTypeKey = Encoding.UTF8.GetBytes(WireEvents.ContentTypeKey);
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(WireEvents.Json);
    private static readonly int ContentTypeEntry = Field(ContentTypeKey.Length) + Field(Json.Length);

    /// <summary>Bytes of the message's content (without its own tag and length).</summary>
    public static int Size(EventData e)
    {
        var typeLength = Encoding.UTF8.GetByteCount(e.Type);
        return Field(UuidSize(e.EventId)) + Field(Field(TypeKey.Length) + Field(typeLength)) + Field(ContentTypeEntry) +
               (e.Metadata.Length > 0 ? Field(e.Metadata.Length) : 0) + (e.Data.Length > 0 ? Field(e.Data.Length) : 0);
    }

    /// <summary>The message as field <paramref name="field"/> of the enclosing message, <paramref name="size"/> being <see cref="Size"/>.</summary>
    public static void Write(Span<byte> span, ref int at, int field, EventData e, int size)
    {
        Header(span, ref at, field, size);
        Uuid(span, ref at, 1, e.EventId);                  // ProposedMessage.id
        var typeLength = Encoding.UTF8.GetByteCount(e.Type);
        Header(span, ref at, 2, Field(TypeKey.Length) + Field(typeLength)); // ProposedMessage.metadata entries
        Bytes(span, ref at, 1, TypeKey);
        Header(span, ref at, 2, typeLength);
        at += Encoding.UTF8.GetBytes(e.Type, span[at..]);
        Header(span, ref at, 2, ContentTypeEntry);
        Bytes(span, ref at, 1, ContentTypeKey);
        Bytes(span, ref at, 2, Json);
        if (e.Metadata.Length > 0) Bytes(span, ref at, 3, e.Metadata.Span); // custom_metadata
        if (e.Data.Length > 0) Bytes(span, ref at, 4, e.Data.Span);         // data
    }

    /// <summary>Bytes of a UUID message's content: <c>structured</c> with its non-zero halves.</summary>
    public static int UuidSize(Guid id)
    {
        var (msb, lsb) = Halves(id);
        return Field((msb != 0 ? 1 + VarintSize(msb) : 0) + (lsb != 0 ? 1 + VarintSize(lsb) : 0));
    }

    /// <summary>A UUID as field <paramref name="field"/>: <c>UUID { structured { msb, lsb } }</c>.</summary>
    public static void Uuid(Span<byte> span, ref int at, int field, Guid id)
    {
        var (msb, lsb) = Halves(id);
        var structured = (msb != 0 ? 1 + VarintSize(msb) : 0) + (lsb != 0 ? 1 + VarintSize(lsb) : 0);
        Header(span, ref at, field, Field(structured));
        Header(span, ref at, 1, structured);
        if (msb != 0) Varint(span, ref at, (1 << 3) | 0, msb);
        if (lsb != 0) Varint(span, ref at, (2 << 3) | 0, lsb);
    }

    private static (ulong Msb, ulong Lsb) Halves(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return ((ulong)BinaryPrimitives.ReadInt64BigEndian(bytes), (ulong)BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
    }
}

using System.Buffers.Binary;
using System.Text;
using FlashSale.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.Wire;

/// <summary>
/// One message of an Append call as the adapter sends it: an <see cref="AppendReq"/> already built (the options, a
/// snapshot's parts), or an event written straight from its <see cref="EventData"/> into gRPC's buffer, byte for byte
/// what the generated <c>AppendReq { proposed_message }</c> of <see cref="WireEvents.ToProposed"/> serializes to (a test
/// compares them), without the eight objects and the map that message costs per event.
/// </summary>
internal sealed record AppendMessage(AppendReq? Built, EventData? Event)
{
    public static implicit operator AppendMessage(AppendReq built) => new(built, null);

    public static AppendMessage Of(EventData e) => new(null, e);

    private static readonly byte[] TypeKey = Encoding.UTF8.GetBytes(WireEvents.TypeKey);
    private static readonly byte[] ContentTypeKey = Encoding.UTF8.GetBytes(WireEvents.ContentTypeKey);
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(WireEvents.Json);

    public static readonly Marshaller<AppendMessage> Marshaller = new(Serialize,
        _ => throw new NotSupportedException("Append messages are only sent."));

    private static void Serialize(AppendMessage message, SerializationContext context)
    {
        if (message.Built is { } built)
        {
            context.SetPayloadLength(built.CalculateSize());
            built.WriteTo(context.GetBufferWriter());
            context.Complete();
            return;
        }
        var e = message.Event!;
        Span<byte> id = stackalloc byte[16];
        e.EventId.TryWriteBytes(id, bigEndian: true, out _);
        var (msb, lsb) = ((ulong)BinaryPrimitives.ReadInt64BigEndian(id), (ulong)BinaryPrimitives.ReadInt64BigEndian(id[8..]));
        var structured = (msb != 0 ? 1 + VarintSize(msb) : 0) + (lsb != 0 ? 1 + VarintSize(lsb) : 0);
        var uuid = Field(structured);
        var typeLength = Encoding.UTF8.GetByteCount(e.Type);
        var typeEntry = Field(TypeKey.Length) + Field(typeLength);
        var contentTypeEntry = Field(ContentTypeKey.Length) + Field(Json.Length);
        var proposed = Field(uuid) + Field(typeEntry) + Field(contentTypeEntry) +
                       (e.Metadata.Length > 0 ? Field(e.Metadata.Length) : 0) + (e.Data.Length > 0 ? Field(e.Data.Length) : 0);
        var total = Field(proposed);

        context.SetPayloadLength(total);
        var buffer = context.GetBufferWriter();
        var span = buffer.GetSpan(total);
        var at = 0;
        Header(span, ref at, 2, proposed);                 // AppendReq.proposed_message
        Header(span, ref at, 1, uuid);                     // ProposedMessage.id
        Header(span, ref at, 1, structured);               // UUID.structured
        if (msb != 0) Varint(span, ref at, (1 << 3) | 0, msb);
        if (lsb != 0) Varint(span, ref at, (2 << 3) | 0, lsb);
        Header(span, ref at, 2, typeEntry);                // ProposedMessage.metadata, in the order ToProposed adds them
        Bytes(span, ref at, 1, TypeKey);
        Header(span, ref at, 2, typeLength);
        at += Encoding.UTF8.GetBytes(e.Type, span[at..]);
        Header(span, ref at, 2, contentTypeEntry);
        Bytes(span, ref at, 1, ContentTypeKey);
        Bytes(span, ref at, 2, Json);
        if (e.Metadata.Length > 0) Bytes(span, ref at, 3, e.Metadata.Span); // custom_metadata
        if (e.Data.Length > 0) Bytes(span, ref at, 4, e.Data.Span);         // data
        buffer.Advance(total);
        context.Complete();
    }

    private static int Field(int length) => 1 + VarintSize((ulong)length) + length;

    private static int VarintSize(ulong value) => value < 0x80 ? 1 : (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 6) / 7;

    private static void Header(Span<byte> span, ref int at, int field, int length)
    {
        span[at++] = (byte)((field << 3) | 2);
        Varint(span, ref at, (ulong)length);
    }

    private static void Bytes(Span<byte> span, ref int at, int field, ReadOnlySpan<byte> bytes)
    {
        Header(span, ref at, field, bytes.Length);
        bytes.CopyTo(span[at..]);
        at += bytes.Length;
    }

    private static void Varint(Span<byte> span, ref int at, int tag, ulong value)
    {
        span[at++] = (byte)tag;
        Varint(span, ref at, value);
    }

    private static void Varint(Span<byte> span, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[at++] = (byte)value;
    }
}

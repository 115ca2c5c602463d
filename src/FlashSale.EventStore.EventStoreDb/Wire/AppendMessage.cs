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
        var proposed = ProposedWriter.Size(e);
        var total = ProtoWriter.Field(proposed);
        context.SetPayloadLength(total);
        var buffer = context.GetBufferWriter();
        var at = 0;
        ProposedWriter.Write(buffer.GetSpan(total), ref at, 2, e, proposed); // AppendReq.proposed_message
        buffer.Advance(total);
        context.Complete();
    }
}

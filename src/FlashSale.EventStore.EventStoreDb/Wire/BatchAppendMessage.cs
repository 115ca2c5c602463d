using FlashSale.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;
using static FlashSale.EventStore.EventStoreDb.Wire.ProtoWriter;

namespace FlashSale.EventStore.EventStoreDb.Wire;

/// <summary>
/// One request of a BatchAppend call: an append's correlation id, its options (first request only), events
/// <see cref="From"/> to <see cref="From"/> + <see cref="Count"/> of the append written straight into gRPC's buffer, and
/// <c>is_final</c> on its last request; byte for byte the generated <see cref="BatchAppendReq"/> (a test compares them).
/// <see cref="Sizes"/> holds each event's <see cref="ProposedWriter.Size"/>, measured once per append (cutting it into
/// requests needs them, and so does every request's length), and <see cref="EventBytes"/> what this request's events take.
/// </summary>
internal sealed record BatchAppendMessage(Guid CorrelationId, BatchAppendReq.Types.Options? Options, IReadOnlyList<EventData> Events,
    int[] Sizes, int From, int Count, int EventBytes, bool IsFinal)
{
    /// <summary>Where an append's events are cut into requests, as the official client does (its BatchAppendSize, 3 MiB): well
    /// under the server's maximum message size, and one request for any append the server's 1 MiB default accepts.</summary>
    public const int MaxRequestBytes = 3 * 1024 * 1024;

    public static readonly Marshaller<BatchAppendMessage> Marshaller = new(Serialize,
        _ => throw new NotSupportedException("BatchAppend requests are only sent."));

    /// <summary>The requests of one append: events cut after the one that brings a request to <see cref="MaxRequestBytes"/>.</summary>
    public static List<BatchAppendMessage> Of(Guid correlationId, BatchAppendReq.Types.Options options, IReadOnlyList<EventData> events)
    {
        var sizes = new int[events.Count];
        var requests = new List<BatchAppendMessage>(1);
        var (from, bytes) = (0, 0);
        for (var i = 0; i < events.Count; i++)
        {
            sizes[i] = ProposedWriter.Size(events[i]);
            if ((bytes += Field(sizes[i])) < MaxRequestBytes) continue;
            requests.Add(new BatchAppendMessage(correlationId, requests.Count == 0 ? options : null, events, sizes, from, i + 1 - from, bytes,
                i + 1 == events.Count));
            (from, bytes) = (i + 1, 0);
        }
        if (from < events.Count || requests.Count == 0)
            requests.Add(new BatchAppendMessage(correlationId, requests.Count == 0 ? options : null, events, sizes, from, events.Count - from, bytes, true));
        return requests;
    }

    private static void Serialize(BatchAppendMessage message, SerializationContext context)
    {
        var id = ProposedWriter.UuidSize(message.CorrelationId);
        var options = message.Options?.CalculateSize() ?? -1;
        var total = Field(id) + (options >= 0 ? Field(options) : 0) + message.EventBytes + (message.IsFinal ? 2 : 0);

        context.SetPayloadLength(total);
        var buffer = context.GetBufferWriter();
        var span = buffer.GetSpan(total);
        var at = 0;
        ProposedWriter.Uuid(span, ref at, 1, message.CorrelationId);               // correlation_id
        if (message.Options is { } built)
        {
            Header(span, ref at, 2, options);                                     // options
            built.WriteTo(span.Slice(at, options));
            at += options;
        }
        for (var i = message.From; i < message.From + message.Count; i++)
            ProposedWriter.Write(span, ref at, 3, message.Events[i], message.Sizes[i]); // proposed_messages
        if (message.IsFinal) Varint(span, ref at, (4 << 3) | 0, 1);              // is_final
        buffer.Advance(total);
        context.Complete();
    }
}

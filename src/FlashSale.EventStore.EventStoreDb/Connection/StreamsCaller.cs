using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Google.Protobuf;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.Connection;

/// <summary>The generated Streams client, plus Append and BatchAppend with the adapter's own request messages
/// (<see cref="AppendMessage"/>, <see cref="BatchAppendMessage"/>) on the same gRPC methods, and the node's open
/// BatchAppend call.</summary>
internal sealed class StreamsCaller : Streams.StreamsClient
{
    private static readonly Method<AppendMessage, AppendResp> AppendMethod = new(MethodType.ClientStreaming,
        Streams.Descriptor.FullName, "Append", AppendMessage.Marshaller, ParsedAs(AppendResp.Parser));

    private static readonly Method<BatchAppendMessage, BatchAppendResp> BatchAppendMethod = new(MethodType.DuplexStreaming,
        Streams.Descriptor.FullName, "BatchAppend", BatchAppendMessage.Marshaller, ParsedAs(BatchAppendResp.Parser));

    public StreamsCaller(ChannelBase channel, Metadata headers, EventStoreDbAppendProtocol protocol) : base(channel) =>
        BatchAppends = new BatchAppender(this, headers, protocol);

    public BatchAppender BatchAppends { get; }

    public AsyncClientStreamingCall<AppendMessage, AppendResp> AppendMessages(CallOptions options) =>
        CallInvoker.AsyncClientStreamingCall(AppendMethod, null, options);

    public AsyncDuplexStreamingCall<BatchAppendMessage, BatchAppendResp> BatchAppendMessages(CallOptions options) =>
        CallInvoker.AsyncDuplexStreamingCall(BatchAppendMethod, null, options);

    private static Marshaller<T> ParsedAs<T>(MessageParser<T> parser) where T : IMessage<T> => new((response, context) =>
    {
        context.SetPayloadLength(response.CalculateSize());
        response.WriteTo(context.GetBufferWriter());
        context.Complete();
    }, context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}

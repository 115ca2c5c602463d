using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.Connection;

/// <summary>The generated Streams client, plus Append with the adapter's own request messages (<see cref="AppendMessage"/>)
/// on the same gRPC method.</summary>
internal sealed class StreamsCaller(ChannelBase channel) : Streams.StreamsClient(channel)
{
    private static readonly Method<AppendMessage, AppendResp> AppendMethod = new(MethodType.ClientStreaming,
        Streams.Descriptor.FullName, "Append", AppendMessage.Marshaller,
        new Marshaller<AppendResp>((response, context) =>
        {
            context.SetPayloadLength(response.CalculateSize());
            Google.Protobuf.MessageExtensions.WriteTo(response, context.GetBufferWriter());
            context.Complete();
        }, context => AppendResp.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    public AsyncClientStreamingCall<AppendMessage, AppendResp> AppendMessages(CallOptions options) =>
        CallInvoker.AsyncClientStreamingCall(AppendMethod, null, options);
}

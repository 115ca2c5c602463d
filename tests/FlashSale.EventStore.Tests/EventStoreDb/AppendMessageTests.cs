using System.Buffers;
using System.Text;
using FlashSale.EventStore.EventStoreDb.Wire;
using Google.Protobuf;
using Grpc.Core;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>The adapter writes proposed events itself: the bytes must be exactly the generated message's.</summary>
public sealed class AppendMessageTests
{
    public static TheoryData<string, string, string, string> Events => new()
    {
        { "5f0c8e1a-3d4b-4c2e-9a7f-1b2c3d4e5f60", "V1.OrderPlaced", """{"orderId":"o-1","quantity":2}""", """{"correlationId":"c","appendEnd":41}""" },
        { "00000000-0000-0000-0000-000000000000", "V1.Empty", "", "" },
        { "00000000-0000-0001-0000-000000000000", "Ünïcødé.Type", "{}", "" },
        { "ffffffff-ffff-ffff-ffff-ffffffffffff", "t", new string('x', 70_000), new string('m', 200) },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void an_event_is_written_byte_for_byte_as_the_generated_append_message(string id, string type, string data, string metadata)
    {
        var e = new EventData(Guid.Parse(id), type, Encoding.UTF8.GetBytes(data), Encoding.UTF8.GetBytes(metadata));

        var written = Serialize(AppendMessage.Of(e));

        written.ShouldBe(WireEvents.ToProposed(e).ToByteArray());
    }

    [Fact]
    public void a_message_already_built_is_written_as_it_is()
    {
        var options = Requests.AppendOptions("item-1", ExpectedRevision.Exact(7));

        Serialize(options).ShouldBe(options.ToByteArray());
    }

    private static byte[] Serialize(AppendMessage message)
    {
        var context = new BufferContext();
        AppendMessage.Marshaller.ContextualSerializer(message, context);
        context.Completed.ShouldBeTrue();
        context.Buffer.WrittenCount.ShouldBe(context.Length);
        return context.Buffer.WrittenSpan.ToArray();
    }

    private sealed class BufferContext : SerializationContext
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new();

        public int Length { get; private set; } = -1;

        public bool Completed { get; private set; }

        public override void SetPayloadLength(int payloadLength) => Length = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => Buffer;

        public override void Complete() => Completed = true;

        public override void Complete(byte[] payload) => throw new NotSupportedException();
    }
}

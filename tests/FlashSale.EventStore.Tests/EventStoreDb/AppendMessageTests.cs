using System.Buffers;
using System.Text;
using FlashSale.EventStore.EventStoreDb.Wire;
using Google.Protobuf;
using FlashSale.EventStore.EventStoreDb.Protocol;
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

    [Fact]
    public void a_batch_append_request_is_written_byte_for_byte_as_the_generated_message()
    {
        var events = Events.Select(row => new EventData(Guid.Parse((string)row[0]), (string)row[1],
            Encoding.UTF8.GetBytes((string)row[2]), Encoding.UTF8.GetBytes((string)row[3]))).ToArray();
        var options = Requests.BatchAppendOptions("item-1", ExpectedRevision.Exact(7), new DateTime(2026, 12, 2, 16, 0, 0, DateTimeKind.Utc));
        var id = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

        var whole = BatchAppendMessage.Of(id, options, events).ShouldHaveSingleItem();
        var middle = whole with { Options = null, From = 1, Count = 2, EventBytes = whole.Sizes[1..3].Sum(ProtoWriter.Field), IsFinal = false };

        Serialize(whole, BatchAppendMessage.Marshaller).ShouldBe(Generated(id, options, events, true).ToByteArray());
        Serialize(middle, BatchAppendMessage.Marshaller).ShouldBe(Generated(id, null, events[1..3], false).ToByteArray());
    }

    [Fact]
    public void an_append_past_the_request_size_is_cut_into_requests_with_options_first_and_is_final_last()
    {
        var events = Enumerable.Range(0, 7).Select(_ => new EventData(Guid.NewGuid(), "t", new byte[1024 * 1024], Array.Empty<byte>())).ToArray();
        var options = Requests.BatchAppendOptions("item-1", ExpectedRevision.Any, null);

        var id = Guid.NewGuid();

        var requests = BatchAppendMessage.Of(id, options, events).ToList();

        requests.Select(r => r.Count).ShouldBe([3, 3, 1]);
        requests.Select(r => r.From).ShouldBe([0, 3, 6]);
        requests.Select(r => r.Options is not null).ShouldBe([true, false, false]);
        requests.Select(r => r.IsFinal).ShouldBe([false, false, true]);
        foreach (var r in requests)
            Serialize(r, BatchAppendMessage.Marshaller).ShouldBe(Generated(id, r.Options, events[r.From..(r.From + r.Count)], r.IsFinal).ToByteArray());
    }

    private static BatchAppendReq Generated(Guid id, BatchAppendReq.Types.Options? options, IEnumerable<EventData> events, bool final)
    {
        var request = new BatchAppendReq { CorrelationId = Uuids.ToWire(id), Options = options, IsFinal = final };
        foreach (var e in events)
        {
            var proposed = WireEvents.ToProposed(e).ProposedMessage;
            request.ProposedMessages.Add(new BatchAppendReq.Types.ProposedMessage
            {
                Id = proposed.Id, Metadata = { proposed.Metadata }, CustomMetadata = proposed.CustomMetadata, Data = proposed.Data,
            });
        }
        return request;
    }

    private static byte[] Serialize(AppendMessage message) => Serialize(message, AppendMessage.Marshaller);

    private static byte[] Serialize<T>(T message, Marshaller<T> marshaller)
    {
        var context = new BufferContext();
        marshaller.ContextualSerializer(message, context);
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

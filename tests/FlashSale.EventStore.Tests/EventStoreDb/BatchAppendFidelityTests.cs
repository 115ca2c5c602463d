using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Empty = FlashSale.EventStore.EventStoreDb.Protocol.Empty;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>The double answers raw BatchAppend requests as 23.10's <c>Streams.BatchAppend.cs</c> does.</summary>
public sealed class BatchAppendFidelityTests : DoubleFixture
{
    private GrpcChannel _channel = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Server.Port}");
    }

    public override async Task DisposeAsync()
    {
        _channel.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task an_append_gathered_over_several_requests_is_written_at_is_final_and_answered_with_its_correlation_id()
    {
        using var call = new Streams.StreamsClient(_channel).BatchAppend();
        var (id, stream) = (Guid.NewGuid(), NewStream());

        await call.RequestStream.WriteAsync(Request(id, Options(stream, deadline: TimeSpan.FromSeconds(10)), 2, final: false));
        await call.RequestStream.WriteAsync(Request(Guid.NewGuid(), null, 1, final: true)); // an id nothing gathers: ignored
        await call.RequestStream.WriteAsync(Request(id, null, 3, final: true));
        var answer = await Next(call);

        Uuids.FromWire(answer.CorrelationId).ShouldBe(id);
        answer.StreamIdentifier.StreamName.ToStringUtf8().ShouldBe(stream);
        answer.Success.CurrentRevision.ShouldBe(4ul);
        var last = (await Store.ReadStreamAsync(stream).ToListAsync())[^1];
        (answer.Success.Position.CommitPosition, answer.Success.Position.PreparePosition).ShouldBe((last.Position.Commit, last.Position.Prepare));
        Server.StreamEventIds(stream)!.Count.ShouldBe(5);
    }

    [Fact]
    public async Task errors_come_in_band_as_a_status_whose_details_name_the_case_and_the_call_goes_on()
    {
        using var call = new Streams.StreamsClient(_channel).BatchAppend();
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(2));
        Server.MaxAppendSize = 100;

        await call.RequestStream.WriteAsync(Request(Guid.NewGuid(), Options(stream, revision: 0), 1, final: true));
        var wrong = await Next(call);
        await call.RequestStream.WriteAsync(Request(Guid.NewGuid(), Options(stream, revision: 1), 5, final: true));
        var tooLarge = await Next(call);

        (wrong.Error.Code, wrong.Error.Message).ShouldBe((6, "WrongExpectedVersion"));
        var details = wrong.Error.Details.Unpack<WrongExpectedVersion>();
        (details.CurrentStreamRevision, details.ExpectedStreamPosition).ShouldBe((1ul, 0ul));
        (tooLarge.Error.Code, tooLarge.Error.Details.Unpack<MaximumAppendSizeExceeded>().MaxAppendSize).ShouldBe((3, 100u));
        Server.StreamEventIds(stream)!.Count.ShouldBe(2);
    }

    [Fact]
    public async Task an_append_not_final_before_its_deadline_is_answered_timeout_and_a_past_deadline_at_once()
    {
        using var call = new Streams.StreamsClient(_channel).BatchAppend();
        var (late, past, stream) = (Guid.NewGuid(), Guid.NewGuid(), NewStream());

        await call.RequestStream.WriteAsync(Request(late, Options(stream, deadline: TimeSpan.FromMilliseconds(300)), 1, final: false));
        await call.RequestStream.WriteAsync(Request(past, Options(stream, deadline: TimeSpan.FromSeconds(-1)), 1, final: true));
        var first = await Next(call);
        var second = await Next(call);
        await call.RequestStream.WriteAsync(Request(late, null, 1, final: true));

        Uuids.FromWire(first.CorrelationId).ShouldBe(past);
        Uuids.FromWire(second.CorrelationId).ShouldBe(late);
        first.Error.Details.Is(FlashSale.EventStore.EventStoreDb.Protocol.Timeout.Descriptor).ShouldBeTrue();
        second.Error.Code.ShouldBe(4);
        second.Error.Details.Is(FlashSale.EventStore.EventStoreDb.Protocol.Timeout.Descriptor).ShouldBeTrue();
        Server.StreamEventIds(stream).ShouldBeNull();
    }

    [Fact]
    public async Task a_not_leader_answer_ends_the_whole_call_with_the_leader_in_its_trailers()
    {
        await using var leader = await FlashSale.EventStore.EventStoreDb.TestDouble.EventStoreDbDouble.StartAsync();
        Server.FailNextCallsWithNotLeader(leader);
        using var call = new Streams.StreamsClient(_channel).BatchAppend();

        await call.RequestStream.WriteAsync(Request(Guid.NewGuid(), Options(NewStream()), 1, final: true));
        var error = await Should.ThrowAsync<RpcException>(() => Next(call));

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.Trailers.GetValue("exception").ShouldBe("not-leader");
        error.Trailers.GetValue("leader-endpoint-port").ShouldBe(leader.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task a_node_that_does_not_handle_a_write_says_so_in_band_with_code_zero()
    {
        using var call = new Streams.StreamsClient(_channel).BatchAppend();
        Server.FailNextCalls(StatusCode.Unavailable, "Server Is Not Ready");

        await call.RequestStream.WriteAsync(Request(Guid.NewGuid(), Options(NewStream()), 1, final: true));
        var answer = await Next(call);

        (answer.Error.Code, answer.Error.Message).ShouldBe((0, "Server Is Not Ready"));
        answer.Error.Details.Is(Google.Protobuf.WellKnownTypes.Empty.Descriptor).ShouldBeTrue();
    }

    private static async Task<BatchAppendResp> Next(AsyncDuplexStreamingCall<BatchAppendReq, BatchAppendResp> call)
    {
        using var timeout = new CancellationTokenSource(Patience);
        (await call.ResponseStream.MoveNext(timeout.Token)).ShouldBeTrue();
        return call.ResponseStream.Current;
    }

    private static BatchAppendReq.Types.Options Options(string stream, long revision = -1, TimeSpan? deadline = null)
    {
        var options = new BatchAppendReq.Types.Options { StreamIdentifier = WireEvents.Stream(stream) };
        if (revision < 0) options.Any = new Empty();
        else options.StreamPosition = (ulong)revision;
        options.Deadline21100 = Timestamp.FromDateTime(DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(10)));
        return options;
    }

    private static BatchAppendReq Request(Guid correlationId, BatchAppendReq.Types.Options? options, int events, bool final)
    {
        var request = new BatchAppendReq { CorrelationId = Uuids.ToWire(correlationId), Options = options, IsFinal = final };
        for (var i = 0; i < events; i++)
            request.ProposedMessages.Add(new BatchAppendReq.Types.ProposedMessage
            {
                Id = Uuids.ToWire(Guid.NewGuid()),
                Metadata = { ["type"] = "V1.TestHappened", ["content-type"] = "application/json" },
                Data = ByteString.CopyFromUtf8("""{"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}"""),
            });
        return request;
    }
}

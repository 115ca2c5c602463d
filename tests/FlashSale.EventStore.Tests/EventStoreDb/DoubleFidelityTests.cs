using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Options = FlashSale.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>The double answers raw protocol requests the way the reference sheet says the server does.</summary>
public sealed class DoubleFidelityTests : DoubleFixture
{
    private GrpcChannel _channel = null!;

    private Streams.StreamsClient Raw => new(_channel);

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

    public static TheoryData<string> BrokenReads => ["uuid_option", "count_option", "filter_option", "filter on a stream read"];

    [Theory]
    [MemberData(nameof(BrokenReads))]
    public async Task a_read_missing_a_required_option_fails_with_invalid_argument(string broken)
    {
        var request = Requests.ReadStream(NewStream(), 0, 10);
        switch (broken)
        {
            case "uuid_option": request.Options.UuidOption = null; break;
            case "count_option": request.Options.ClearCountOption(); break;
            case "filter_option": request.Options.ClearFilterOption(); break;
            default: request.Options.Filter = Requests.ReadAll(null, 1, StreamFilter.AllUserStreams).Options.Filter; break;
        }

        var error = await Should.ThrowAsync<RpcException>(() => ReadAll(request));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task an_event_without_type_metadata_is_rejected_naming_the_missing_property()
    {
        var proposed = WireEvents.ToProposed(NewEvent());
        proposed.ProposedMessage.Metadata.Remove("type");
        using var call = Raw.Append();
        await call.RequestStream.WriteAsync(Requests.AppendOptions(NewStream(), ExpectedRevision.Any));
        await call.RequestStream.WriteAsync(proposed);
        await call.RequestStream.CompleteAsync();

        var error = await Should.ThrowAsync<RpcException>(() => call.ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Trailers.GetValue("exception").ShouldBe("missing-required-metadata-property");
    }

    [Fact]
    public async Task a_wrong_expected_version_comes_back_in_band_with_both_field_sets()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvents(3));
        using var call = Raw.Append();
        await call.RequestStream.WriteAsync(Requests.AppendOptions(stream, ExpectedRevision.Exact(0)));
        await call.RequestStream.WriteAsync(WireEvents.ToProposed(NewEvent()));
        await call.RequestStream.CompleteAsync();

        var wrong = (await call.ResponseAsync).WrongExpectedVersion;

        call.GetStatus().StatusCode.ShouldBe(StatusCode.OK);
        wrong.CurrentRevision.ShouldBe(2UL);
        wrong.CurrentRevision2060.ShouldBe(2UL);
        wrong.ExpectedRevisionOptionCase.ShouldBe(AppendResp.Types.WrongExpectedVersion.ExpectedRevisionOptionOneofCase.ExpectedRevision);
        wrong.ExpectedRevision.ShouldBe(0UL);
    }

    [Fact]
    public async Task a_missing_stream_is_answered_in_band_and_the_call_ends_ok()
    {
        var responses = await ReadAll(Requests.ReadStream(NewStream(), 0, 10));

        responses.ShouldHaveSingleItem().ContentCase.ShouldBe(ReadResp.ContentOneofCase.StreamNotFound);
    }

    [Fact]
    public async Task a_filtered_subscription_confirms_first_then_sends_events_checkpoints_and_caught_up()
    {
        var stream = NewStream();
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());
        await AppendOk(NewStream("order"), ExpectedRevision.NoStream, NewEvents(40));
        using var timeout = new CancellationTokenSource(Patience);
        using var call = Raw.Read(Requests.SubscribeToAll(null, StreamFilter.Prefixes(stream)), cancellationToken: timeout.Token);

        var seen = new List<ReadResp.ContentOneofCase>();
        while (seen.LastOrDefault() != ReadResp.ContentOneofCase.CaughtUp && await call.ResponseStream.MoveNext(timeout.Token))
            seen.Add(call.ResponseStream.Current.ContentCase);

        seen[0].ShouldBe(ReadResp.ContentOneofCase.Confirmation);
        seen.Count(c => c == ReadResp.ContentOneofCase.Event).ShouldBe(1);
        seen.ShouldContain(ReadResp.ContentOneofCase.Checkpoint);
        seen[^1].ShouldBe(ReadResp.ContentOneofCase.CaughtUp);
    }

    [Fact]
    public async Task recorded_events_carry_created_ticks_since_the_unix_epoch_and_the_first_revision_as_zero()
    {
        var stream = NewStream();
        var before = DateTimeOffset.UtcNow;
        await AppendOk(stream, ExpectedRevision.NoStream, NewEvent());

        var read = (await ReadAll(Requests.ReadStream(stream, 0, 1))).First(r => r.ContentCase == ReadResp.ContentOneofCase.Event).Event;

        read.Event.StreamRevision.ShouldBe(0UL);
        FieldNumbers(read.Event.ToByteArray()).ShouldNotContain(3, "revision 0 is absent on the wire");
        var created = DateTimeOffset.UnixEpoch.AddTicks(long.Parse(read.Event.Metadata["created"], System.Globalization.CultureInfo.InvariantCulture));
        created.ShouldBeInRange(before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        read.Event.Metadata["type"].ShouldBe("V1.TestHappened");
        read.Event.Metadata["content-type"].ShouldBe("application/json");
    }

    private static List<int> FieldNumbers(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<int>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            fields.Add(WireFormat.GetTagFieldNumber(tag));
            input.SkipLastField();
        }
        return fields;
    }

    private async Task<List<ReadResp>> ReadAll(ReadReq request)
    {
        using var call = Raw.Read(request, deadline: DateTime.UtcNow.AddSeconds(10));
        var responses = new List<ReadResp>();
        await foreach (var response in call.ResponseStream.ReadAllAsync()) responses.Add(response);
        return responses;
    }
}

using FlashSale.EventStore.EventStoreDb.Protocol;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>The Streams service as EventStoreDB answers it: Append here, Read in the other part.</summary>
internal sealed partial class StreamsService(DoubleState state) : Streams.StreamsBase
{
    public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requestStream, ServerCallContext context)
    {
        await state.BeforeCallAsync(context, isAppend: true);
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.ContentCase != AppendReq.ContentOneofCase.Options)
            throw DoubleState.Invalid("The first append message must carry options.");
        var options = requestStream.Current.Options;
        if (options.StreamIdentifier is null || options.ExpectedStreamRevisionCase == AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.None)
            throw DoubleState.Invalid("Append options need a stream identifier and an expected stream revision.");
        var stream = options.StreamIdentifier.StreamName.ToStringUtf8();
        if (state.DenyMetadataWrites && stream.StartsWith(StreamMetadata.MetastreamPrefix, StringComparison.Ordinal))
            throw DoubleState.Failure(StatusCode.PermissionDenied, "Access Denied", ("exception", "access-denied"));
        var expected = options.ExpectedStreamRevisionCase switch
        {
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision => (long)options.Revision,
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => DoubleLog.NoStream,
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists => DoubleLog.StreamExists,
            _ => DoubleLog.Any,
        };

        var events = new List<ProposedEvent>();
        var size = 0L;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var proposed = requestStream.Current.ProposedMessage
                ?? throw DoubleState.Invalid("Only the first append message may carry options.");
            if (!proposed.Metadata.ContainsKey("type") || !proposed.Metadata.ContainsKey("content-type"))
                throw DoubleState.Failure(StatusCode.InvalidArgument, "Missing required metadata property.",
                    ("exception", "missing-required-metadata-property"));
            var e = new ProposedEvent(WireIds.FromWire(proposed.Id), proposed.Metadata,
                proposed.CustomMetadata, proposed.Data);
            size += e.Size;
            if (size > state.MaxAppendSize)
                throw DoubleState.Failure(StatusCode.InvalidArgument, "Maximum append size exceeded.",
                    ("exception", "maximum-append-size-exceeded"), ("maximum-append-size", state.MaxAppendSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            events.Add(e);
        }

        return state.Log.Append(stream, expected, events) switch
        {
            AppendOutcome.Written w when state.AppendsWithoutPosition || !w.HasPosition => new AppendResp
            {
                Success = new AppendResp.Types.Success { CurrentRevision = (ulong)w.CurrentRevision, NoPosition = new Empty() },
            },
            AppendOutcome.Written w => new AppendResp
            {
                Success = new AppendResp.Types.Success
                {
                    CurrentRevision = (ulong)w.CurrentRevision,
                    Position = new AppendResp.Types.Position { CommitPosition = w.Commit, PreparePosition = w.Prepare },
                },
            },
            AppendOutcome.WrongExpectedVersion wrong => new AppendResp { WrongExpectedVersion = WrongVersion(wrong.Current, expected) },
            _ => throw StreamDeleted(stream),
        };
    }

    private static RpcException StreamDeleted(string stream) =>
        DoubleState.Failure(StatusCode.FailedPrecondition, $"Event stream '{stream}' is deleted.",
            ("exception", "stream-deleted"), ("stream-name", stream));

    /// <summary>Both the legacy (1-5) and the current (6-11) field sets, as servers send them.</summary>
    private static AppendResp.Types.WrongExpectedVersion WrongVersion(long current, long expected)
    {
        var wrong = new AppendResp.Types.WrongExpectedVersion();
        if (current < 0)
        {
            wrong.CurrentNoStream = new Empty();
            wrong.NoStream2060 = new Empty();
        }
        else
        {
            wrong.CurrentRevision = (ulong)current;
            wrong.CurrentRevision2060 = (ulong)current;
        }
        switch (expected)
        {
            case DoubleLog.Any: wrong.ExpectedAny = new Empty(); wrong.Any2060 = new Empty(); break;
            case DoubleLog.StreamExists: wrong.ExpectedStreamExists = new Empty(); wrong.StreamExists2060 = new Empty(); break;
            case DoubleLog.NoStream: wrong.ExpectedNoStream = new Empty(); break;
            default: wrong.ExpectedRevision = (ulong)expected; wrong.ExpectedRevision2060 = (ulong)expected; break;
        }
        return wrong;
    }
}

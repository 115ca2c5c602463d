using FlashSale.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Empty = FlashSale.EventStore.EventStoreDb.Protocol.Empty;
using RpcStatus = FlashSale.EventStore.EventStoreDb.Protocol.Rpc.Status;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>
/// BatchAppend as 23.10's <c>Streams.BatchAppend.cs</c> serves it: requests of one correlation id gather an append
/// (options in the first, events in any), <c>is_final</c> writes it, and every append is answered in band on the call
/// with its correlation id: a success, or a google.rpc.Status whose details name the case (<c>Status.cs</c>). A
/// deadline of its options (capped by the node's write timeout) that passes before <c>is_final</c> answers Timeout; a
/// request of an id that is not gathering is ignored. Only a not-leader answer, an exception in the handler or a broken
/// connection end the call, failing every append on it. The fault switches apply to each append as to an Append call.
/// </summary>
internal sealed partial class StreamsService
{
    /// <summary>23.10's default write timeout (WriteTimeoutMs 2000): the longest a requested deadline counts.</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(2);

    public override async Task BatchAppend(IAsyncStreamReader<BatchAppendReq> requestStream, IServerStreamWriter<BatchAppendResp> responseStream,
        ServerCallContext context)
    {
        state.BatchAppendCallOpened();
        if (!state.SupportsBatchAppend) throw new RpcException(new Status(StatusCode.Unimplemented, "Method is unimplemented."));
        state.RecordHeaders(context);
        var writing = new SemaphoreSlim(1, 1);
        var gathering = new Dictionary<Guid, Gathered>();
        var gate = new Lock();

        async Task AnswerAsync(BatchAppendResp response)
        {
            await writing.WaitAsync(context.CancellationToken);
            try
            {
                await responseStream.WriteAsync(response);
            }
            finally
            {
                writing.Release();
            }
        }

        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            var correlationId = request.CorrelationId;
            var id = WireIds.FromWire(correlationId);
            if (request.Options is { } options)
            {
                var stream = options.StreamIdentifier;
                var name = stream?.StreamName.ToStringUtf8() ?? "";
                var timeout = Min(RequestedTimeout(options), WriteTimeout);
                if (state.DenyAccess || (state.DenyMetadataWrites && name.StartsWith(StreamMetadata.MetastreamPrefix, StringComparison.Ordinal)))
                {
                    await AnswerAsync(Error(correlationId, stream, Pack(new AccessDenied()), 7, "AccessDenied"));
                    continue;
                }
                if (stream is null)
                {
                    await AnswerAsync(Error(correlationId, stream, Pack(new BadRequest { Message = "Required field StreamIdentifier not set." }), 3, "BadRequest"));
                    continue;
                }
                if (timeout <= TimeSpan.Zero)
                {
                    await AnswerAsync(Error(correlationId, stream, Pack(new Protocol.Timeout()), 4, "Timeout"));
                    continue;
                }
                var expected = options.ExpectedStreamPositionCase switch
                {
                    BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamPosition => (long)options.StreamPosition,
                    BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.NoStream => DoubleLog.NoStream,
                    BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.StreamExists => DoubleLog.StreamExists,
                    BatchAppendReq.Types.Options.ExpectedStreamPositionOneofCase.Any => DoubleLog.Any,
                    _ => throw DoubleState.Invalid($"Invalid argument: {options.ExpectedStreamPositionCase}."),
                };
                lock (gate)
                    if (!gathering.ContainsKey(id))
                    {
                        gathering[id] = new Gathered(name, expected);
                        _ = TimeOutAsync(id, correlationId, name, timeout);
                    }
            }
            Gathered? append;
            lock (gate) gathering.TryGetValue(id, out append);
            if (append is null) continue;
            var bad = false;
            foreach (var proposed in request.ProposedMessages)
            {
                if (!proposed.Metadata.ContainsKey("type") || !proposed.Metadata.ContainsKey("content-type"))
                {
                    // The server's lookup throws; its answer names the options' stream, and without options it throws again.
                    if (request.Options is null) throw new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler."));
                    await AnswerAsync(Error(correlationId, request.Options.StreamIdentifier,
                        Pack(new BadRequest { Message = "The given key was not present in the dictionary." }), 3, "BadRequest"));
                    bad = true;
                    break;
                }
                var e = new ProposedEvent(WireIds.FromWire(proposed.Id), proposed.Metadata,
                    proposed.CustomMetadata, proposed.Data);
                append.Events.Add(e);
                append.Size += e.Size;
            }
            if (bad) continue;
            if (append.Size > state.MaxAppendSize)
            {
                lock (gate) gathering.Remove(id);
                await AnswerAsync(Error(correlationId, Stream(append.Stream),
                    Pack(new MaximumAppendSizeExceeded { MaxAppendSize = (uint)state.MaxAppendSize }), 3, "MaximumAppendSizeExceeded"));
            }
            if (!request.IsFinal) continue;
            bool final;
            lock (gate) final = gathering.Remove(id);
            if (!final) continue;
            if (await WriteAsync(append, correlationId, context) is { } answer) await AnswerAsync(answer);
        }

        async Task TimeOutAsync(Guid id, UUID correlationId, string stream, TimeSpan timeout)
        {
            await Task.Delay(timeout, context.CancellationToken);
            bool expired;
            lock (gate) expired = gathering.Remove(id);
            if (expired) await AnswerAsync(Error(correlationId, Stream(stream), Pack(new Protocol.Timeout()), 4, "Timeout"));
        }
    }

    /// <summary>One gathered append written; its answer, or null for none (a stalled node). Faults that end the call throw.</summary>
    private async Task<BatchAppendResp?> WriteAsync(Gathered append, UUID correlationId, ServerCallContext context)
    {
        switch (state.TakeAppendFault())
        {
            case AppendFault.Drop:
                context.GetHttpContext().Abort();
                await Task.Delay(System.Threading.Timeout.Infinite, context.CancellationToken);
                return null;
            case AppendFault.Failed { Status: var status }:
                return status switch
                {
                    // What the server answers in band for the faults an Append call gets as a status (RpcExceptions).
                    { StatusCode: StatusCode.Aborted } when status.Detail.StartsWith("Operation timed out", StringComparison.Ordinal) =>
                        Error(correlationId, Stream(append.Stream), Pack(new Protocol.Timeout()), 4, "Timeout"),
                    { StatusCode: StatusCode.Unknown, Detail: "No leader info available in response" } =>
                        Error(correlationId, Stream(append.Stream), Pack(new Google.Protobuf.WellKnownTypes.Empty()), 0, status.Detail),
                    { StatusCode: StatusCode.Unavailable } =>
                        Error(correlationId, Stream(append.Stream), Pack(new Google.Protobuf.WellKnownTypes.Empty()), 0, "Server Is Not Ready"),
                    _ => throw new RpcException(status),
                };
            case AppendFault.NotLeader { Failure: var notLeader }:
                throw notLeader;
            case AppendFault.Stalled:
                return null;
        }

        var stream = Stream(append.Stream);
        return state.Log.Append(append.Stream, append.Expected, append.Events) switch
        {
            AppendOutcome.Written w => new BatchAppendResp
            {
                CorrelationId = correlationId,
                StreamIdentifier = stream,
                Success = state.AppendsWithoutPosition || !w.HasPosition
                    ? new BatchAppendResp.Types.Success { CurrentRevision = (ulong)w.CurrentRevision, NoPosition = new Empty() }
                    : new BatchAppendResp.Types.Success
                    {
                        CurrentRevision = (ulong)w.CurrentRevision,
                        Position = new AllStreamPosition { CommitPosition = w.Commit, PreparePosition = w.Prepare },
                    },
            },
            AppendOutcome.WrongExpectedVersion wrong =>
                Error(correlationId, stream, Pack(WrongVersionDetails(wrong.Current, append.Expected)), 6, "WrongExpectedVersion"),
            _ => Error(correlationId, stream, Pack(new StreamDeleted { StreamIdentifier = stream }), 5, "StreamDeleted"),
        };
    }

    private static WrongExpectedVersion WrongVersionDetails(long current, long expected)
    {
        var wrong = new WrongExpectedVersion();
        if (current < 0) wrong.CurrentNoStream = new Empty();
        else wrong.CurrentStreamRevision = (ulong)current;
        switch (expected)
        {
            case DoubleLog.Any: wrong.ExpectedAny = new Empty(); break;
            case DoubleLog.StreamExists: wrong.ExpectedStreamExists = new Empty(); break;
            case DoubleLog.NoStream: wrong.ExpectedNoStream = new Empty(); break;
            default: wrong.ExpectedStreamPosition = (ulong)expected; break;
        }
        return wrong;
    }

    /// <summary>The server's <c>Status</c> helpers: code, the case's name as message, the details packed in one Any.</summary>
    private static BatchAppendResp Error(UUID correlationId, StreamIdentifier? stream, Any details, int code, string message) => new()
    {
        CorrelationId = correlationId,
        StreamIdentifier = stream,
        Error = new RpcStatus { Code = code, Message = message, Details = details },
    };

    private static Any Pack(IMessage details) => Any.Pack(details);

    private static StreamIdentifier Stream(string name) => new() { StreamName = ByteString.CopyFromUtf8(name) };

    private static TimeSpan RequestedTimeout(BatchAppendReq.Types.Options options) => options.DeadlineOptionCase switch
    {
        BatchAppendReq.Types.Options.DeadlineOptionOneofCase.Deadline => options.Deadline.ToTimeSpan(),
        _ => (options.Deadline21100?.ToDateTime() ?? DateTime.MaxValue) - DateTime.UtcNow,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a > b ? b : a;

    private sealed class Gathered(string stream, long expected)
    {
        public string Stream => stream;

        public long Expected => expected;

        public List<ProposedEvent> Events { get; } = [];

        public long Size { get; set; }
    }
}

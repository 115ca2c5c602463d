using System.Globalization;
using FlashSale.EventStore.EventStoreDb.Protocol;
using Grpc.Core;
using RpcStatus = FlashSale.EventStore.EventStoreDb.Protocol.Rpc.Status;

namespace FlashSale.EventStore.EventStoreDb.Connection;

/// <summary>
/// BatchAppend answers every append in band (23.10 <c>Streams.BatchAppend.cs</c>, <c>Status.cs</c>): a success, or a
/// google.rpc.Status whose details name the case. They become what an Append call gives for the same case (its answer,
/// or the status and <c>exception</c> trailer its RpcException carries), so one mapping and one retry policy
/// (<see cref="RpcErrors"/>, <see cref="EventStoreDbConnection.CallAsync{T}"/>) serve both protocols.
/// </summary>
internal static class BatchAppendAnswers
{
    // 23.10 answers a write the node did not handle with code 0 and these messages (Append: UNAVAILABLE, and UNKNOWN
    // "No leader info available in response").
    private const string NotReady = "Server Is Not Ready";
    private const string TooBusy = "Server Is Busy";
    private const string NoLeaderInfo = "No leader info available in response";

    public static AppendResp ToAppendResp(BatchAppendResp answer, string streamId)
    {
        if (answer.ResultCase == BatchAppendResp.ResultOneofCase.Success)
        {
            var success = new AppendResp.Types.Success();
            if (answer.Success.CurrentRevisionOptionCase == BatchAppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision)
                success.CurrentRevision = answer.Success.CurrentRevision;
            else success.NoStream = new Empty();
            if (answer.Success.PositionOptionCase == BatchAppendResp.Types.Success.PositionOptionOneofCase.Position)
                success.Position = new AppendResp.Types.Position
                {
                    CommitPosition = answer.Success.Position.CommitPosition,
                    PreparePosition = answer.Success.Position.PreparePosition,
                };
            else success.NoPosition = new Empty();
            return new AppendResp { Success = success };
        }
        var error = answer.Error ?? throw new InvalidDataException($"EventStoreDB answered the append to '{streamId}' with neither a success nor an error.");
        if (error.Details is { } details && details.Is(WrongExpectedVersion.Descriptor))
        {
            var wrong = details.Unpack<WrongExpectedVersion>();
            var current = new AppendResp.Types.WrongExpectedVersion();
            if (wrong.CurrentStreamRevisionOptionCase == WrongExpectedVersion.CurrentStreamRevisionOptionOneofCase.CurrentStreamRevision)
                current.CurrentRevision = wrong.CurrentStreamRevision;
            else current.CurrentNoStream = new Empty();
            return new AppendResp { WrongExpectedVersion = current };
        }
        throw ToRpcException(error, streamId);
    }

    private static RpcException ToRpcException(RpcStatus error, string streamId)
    {
        var details = error.Details;
        if (details is null || details.Is(Empty.Descriptor) || details.TypeUrl.EndsWith("/google.protobuf.Empty", StringComparison.Ordinal))
            return error.Message switch
            {
                NotReady or TooBusy => Status(StatusCode.Unavailable, error.Message),
                NoLeaderInfo => Status(StatusCode.Unknown, error.Message),
                _ => Status((StatusCode)error.Code, error.Message),
            };
        if (details.Is(AccessDenied.Descriptor))
            return Status(StatusCode.PermissionDenied, "Access Denied", ("exception", "access-denied"));
        if (details.Is(StreamDeleted.Descriptor))
        {
            var deleted = details.Unpack<StreamDeleted>().StreamIdentifier?.StreamName.ToStringUtf8();
            return Status(StatusCode.FailedPrecondition, $"Event stream '{deleted ?? streamId}' is deleted.",
                ("exception", "stream-deleted"), ("stream-name", deleted ?? streamId));
        }
        if (details.Is(Protocol.Timeout.Descriptor))
            return Status(StatusCode.Aborted, "Operation timed out: the node did not complete the write in time.");
        if (details.Is(MaximumAppendSizeExceeded.Descriptor))
            return Status(StatusCode.InvalidArgument, "Maximum Append Size Exceeded.", ("exception", "maximum-append-size-exceeded"),
                ("maximum-append-size", details.Unpack<MaximumAppendSizeExceeded>().MaxAppendSize.ToString(CultureInfo.InvariantCulture)));
        if (details.Is(BadRequest.Descriptor))
            return Status(StatusCode.InvalidArgument, details.Unpack<BadRequest>().Message);
        return Status(error.Code == 0 ? StatusCode.Unknown : (StatusCode)error.Code, error.Message);
    }

    private static RpcException Status(StatusCode code, string detail, params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers) metadata.Add(key, value);
        return new RpcException(new Grpc.Core.Status(code, detail), metadata);
    }
}

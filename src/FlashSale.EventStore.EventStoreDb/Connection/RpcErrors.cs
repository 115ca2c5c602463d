using System.Globalization;
using System.Net;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.Connection;

/// <summary>Reads the server's error status and <c>exception</c> trailer and turns them into the port's exceptions.</summary>
internal static class RpcErrors
{
    public static string? Kind(RpcException e) => e.Trailers.GetValue("exception");

    public static bool IsNotLeader(RpcException e, out DnsEndPoint? leader)
    {
        leader = null;
        if (e.StatusCode != StatusCode.NotFound || Kind(e) != "not-leader") return false;
        var host = e.Trailers.GetValue("leader-endpoint-host");
        if (host is not null && int.TryParse(e.Trailers.GetValue("leader-endpoint-port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            leader = new DnsEndPoint(host, port);
        return true;
    }

    /// <summary>A wrong expected version that an older server reports as a status instead of in band.</summary>
    public static bool IsWrongExpectedVersion(RpcException e, out long actual)
    {
        actual = -1;
        if (e.StatusCode != StatusCode.FailedPrecondition || Kind(e) != "wrong-expected-version") return false;
        if (long.TryParse(e.Trailers.GetValue("actual-version"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            actual = Math.Max(-1, v);
        return true;
    }

    /// <summary>Errors a retry against the same node may fix: the connection dropped or the node is busy.</summary>
    public static bool IsTransient(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted
            or StatusCode.Cancelled or StatusCode.ResourceExhausted;

    public static Exception Map(RpcException e, string? streamId, string node) => (e.StatusCode, Kind(e)) switch
    {
        (StatusCode.PermissionDenied, _) =>
            new EventStoreAccessDeniedException($"EventStoreDB at {node} denied access{For(streamId)}: check the connection string's credentials.", e),
        (StatusCode.FailedPrecondition, "stream-deleted") =>
            new StreamDeletedException(e.Trailers.GetValue("stream-name") ?? streamId ?? "?", e),
        (StatusCode.InvalidArgument, "maximum-append-size-exceeded") =>
            new AppendTooLargeException(streamId ?? "?", long.TryParse(e.Trailers.GetValue("maximum-append-size"),
                NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : -1, e),
        (StatusCode.DeadlineExceeded, _) =>
            new EventStoreTimeoutException($"EventStoreDB at {node} did not answer within the deadline{For(streamId)}.", e),
        (StatusCode.Unavailable, _) =>
            new EventStoreUnavailableException($"The event store is unavailable: EventStoreDB at {node} cannot be reached or is not ready ({e.Status.Detail}).", e),
        (StatusCode.NotFound, "not-leader") =>
            new EventStoreUnavailableException($"The event store is unavailable: no leader found (last tried {node}).", e),
        // The connection dropped mid-call (a node going down resets its streams): whether an append was written is unknown.
        _ when IsTransient(e) =>
            new EventStoreUnavailableException($"The event store is unavailable: the call to EventStoreDB at {node} was cut off ({e.StatusCode}: {e.Status.Detail}).", e),
        _ => e,
    };

    private static string For(string? streamId) => streamId is null ? "" : $" on stream '{streamId}'";
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.Connection;

/// <summary>Reads the server's error status and <c>exception</c> trailer and turns them into the port's exceptions.</summary>
internal static class RpcErrors
{
    // 23.10 RpcExceptions.Timeout: a write the node did not finish in time (prepare, commit or forward timeout).
    private const string ServerTimeoutPrefix = "Operation timed out";
    // 23.10 RpcExceptions.NoLeaderInfo: a follower asked for the leader during an election, before it knows one.
    private const string NoLeaderInfo = "No leader info available in response";

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

    /// <summary>
    /// Errors a retry may fix: the node is not ready or busy, the call was cut off on the way (no status from the server:
    /// the client made it up from a reset stream or a dropped connection), the node timed out a write, or a follower
    /// knows no leader yet. A status the server itself sent as Unknown, Internal or ResourceExhausted is not one of them:
    /// 23.10 answers Unknown for a read it failed (an invalid position, an unexpected result) and for an exception in its
    /// handler, ResourceExhausted for a message over its maximum size; repeating the call gets the same answer.
    /// </summary>
    public static bool IsTransient(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled || IsServerTimeout(e) || IsNoLeaderYet(e) ||
        (e.StatusCode is StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.ResourceExhausted && IsCutOff(e));

    /// <summary>The client's own status for a call whose HTTP/2 stream or connection broke: it carries the transport's
    /// exception, which a status read from the server's trailers never does.</summary>
    public static bool IsCutOff(RpcException e)
    {
        for (var inner = e.Status.DebugException; inner is not null; inner = inner.InnerException)
            if (inner is IOException or HttpRequestException or HttpProtocolException or SocketException) return true;
        return false;
    }

    private static bool IsServerTimeout(RpcException e) =>
        e.StatusCode == StatusCode.Aborted && !IsCutOff(e) && e.Status.Detail.StartsWith(ServerTimeoutPrefix, StringComparison.Ordinal);

    public static bool IsNoLeaderYet(RpcException e) =>
        e.StatusCode == StatusCode.Unknown && !IsCutOff(e) && e.Status.Detail == NoLeaderInfo;

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
        _ when IsServerTimeout(e) =>
            new EventStoreTimeoutException($"EventStoreDB at {node} timed out the operation{For(streamId)} ({e.Status.Detail}); an append may or may not be written.", e),
        (StatusCode.Unavailable, _) =>
            new EventStoreUnavailableException($"The event store is unavailable: EventStoreDB at {node} cannot be reached or is not ready ({e.Status.Detail}).", e),
        (StatusCode.NotFound, "not-leader") =>
            new EventStoreUnavailableException($"The event store is unavailable: no leader found (last tried {node}).", e),
        _ when IsNoLeaderYet(e) =>
            new EventStoreUnavailableException($"The event store is unavailable: EventStoreDB at {node} knows no leader yet (an election is under way).", e),
        // The connection dropped mid-call (a node going down resets its streams): whether an append was written is unknown.
        _ when IsTransient(e) =>
            new EventStoreUnavailableException($"The event store is unavailable: the call to EventStoreDB at {node} was cut off ({e.StatusCode}: {e.Status.Detail}).", e),
        _ => e,
    };

    private static string For(string? streamId) => streamId is null ? "" : $" on stream '{streamId}'";
}

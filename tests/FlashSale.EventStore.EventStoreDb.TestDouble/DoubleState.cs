using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>Everything a double's calls share: the log, the fault switches and the live subscriptions.</summary>
internal sealed class DoubleState(string node, DoublePositions positions)
{
    private int _notLeaderCalls;
    private int _droppedCalls;
    private int _failedCalls;
    private Status _failure;
    private bool _dropAppendsOnly;
    private (string Host, int Port) _leader;
    private int _appendCalls;
    private int _readCalls;
    private int _batchAppendCalls;

    public DoubleLog Log { get; } = new(node, positions);

    public ConcurrentDictionary<Guid, HttpContext> Subscriptions { get; } = new();

    public ConcurrentQueue<(string Header, string Value)> SeenHeaders { get; } = new();

    /// <summary>Where each $all subscription started: null = from the start, otherwise after that position.</summary>
    public ConcurrentQueue<(ulong Commit, ulong Prepare)?> SubscriptionStarts { get; } = new();

    public (ulong Commit, ulong Prepare)? LastCheckpointSent;

    public volatile bool DenyAccess;
    public volatile bool DenyMetadataWrites;
    public volatile bool Stall;
    public volatile bool SendCaughtUp = true;
    public volatile bool CheckpointAheadOfEvents;
    public volatile bool AppendsWithoutPosition;
    public volatile bool SupportsBatchAppend = true;
    public int DropAfterNextCheckpoint;
    public int MaxAppendSize = 1024 * 1024;

    public int AppendCalls => Volatile.Read(ref _appendCalls);
    public int ReadCalls => Volatile.Read(ref _readCalls);
    public int BatchAppendCalls => Volatile.Read(ref _batchAppendCalls);

    public void BatchAppendCallOpened() => Interlocked.Increment(ref _batchAppendCalls);

    public void FailNextWithNotLeader(string host, int port, int calls)
    {
        _leader = (host, port);
        Volatile.Write(ref _notLeaderCalls, calls);
    }

    public void DropNext(int calls, bool appendsOnly)
    {
        _dropAppendsOnly = appendsOnly;
        Volatile.Write(ref _droppedCalls, calls);
    }

    public void FailNext(StatusCode status, string detail, int calls)
    {
        _failure = new Status(status, detail);
        Volatile.Write(ref _failedCalls, calls);
    }

    public void RecordHeaders(ServerCallContext context)
    {
        foreach (var header in context.RequestHeaders)
            if (header.Key is "requires-leader" or "connection-name" or "authorization")
                SeenHeaders.Enqueue((header.Key, header.Value));
    }

    /// <summary>
    /// The switched-on fault one append of a BatchAppend call meets, taken as <see cref="BeforeCallAsync"/> takes it for an
    /// Append call (an append counts as an append call); access is checked on its options.
    /// </summary>
    public AppendFault? TakeAppendFault()
    {
        Interlocked.Increment(ref _appendCalls);
        if (Take(ref _droppedCalls)) return new AppendFault.Drop();
        if (Take(ref _failedCalls)) return new AppendFault.Failed(_failure);
        if (Take(ref _notLeaderCalls)) return new AppendFault.NotLeader(NotLeader());
        return Stall ? new AppendFault.Stalled() : null;
    }

    private RpcException NotLeader() =>
        Failure(StatusCode.NotFound, "Leader info available.", ("exception", "not-leader"),
            ("leader-endpoint-host", _leader.Host), ("leader-endpoint-port", _leader.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Runs before every call: records the headers and applies the switched-on faults.</summary>
    public async Task BeforeCallAsync(ServerCallContext context, bool isAppend)
    {
        Interlocked.Increment(ref isAppend ? ref _appendCalls : ref _readCalls);
        RecordHeaders(context);
        if (DenyAccess)
            throw Failure(StatusCode.PermissionDenied, "Access denied.", ("exception", "access-denied"));
        if ((isAppend || !_dropAppendsOnly) && Take(ref _droppedCalls))
        {
            // A node that dies mid-call: the HTTP/2 stream is reset, no gRPC status is ever sent.
            context.GetHttpContext().Abort();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        if (Take(ref _failedCalls)) throw new RpcException(_failure);
        if (Take(ref _notLeaderCalls)) throw NotLeader();
        // A stalled node accepts the call and never answers: only the client's deadline ends it.
        if (Stall) await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }

    private static bool Take(ref int calls)
    {
        int left;
        do
        {
            left = Volatile.Read(ref calls);
            if (left <= 0) return false;
        } while (Interlocked.CompareExchange(ref calls, left - 1, left) != left);
        return true;
    }

    public static RpcException Failure(StatusCode status, string detail, params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers) metadata.Add(key, value);
        return new RpcException(new Status(status, detail), metadata);
    }

    public static RpcException Invalid(string detail) => Failure(StatusCode.InvalidArgument, detail);
}

/// <summary>What a switched-on fault does to one append of a BatchAppend call.</summary>
internal abstract record AppendFault
{
    public sealed record Drop : AppendFault;

    public sealed record Failed(Status Status) : AppendFault;

    public sealed record NotLeader(RpcException Failure) : AppendFault;

    public sealed record Stalled : AppendFault;
}

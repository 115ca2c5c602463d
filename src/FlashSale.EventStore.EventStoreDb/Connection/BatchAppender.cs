using System.Collections.Concurrent;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.Connection;

/// <summary>
/// Appends over one node's BatchAppend call, as the official client does: one long-lived call per channel, each append
/// one request (or more past <see cref="BatchAppendMessage.MaxRequestBytes"/>) under its own correlation id, answered in
/// any order on the same call. An append is one write and one flush instead of one per event (Append's protocol), which
/// grpc-dotnet's client stream does whatever the write flags say. The call has no deadline: each append has its own, in
/// its options (the server answers Timeout past it) and here (no answer in time is DEADLINE_EXCEEDED). A call that ends
/// fails every append waiting on it with its status, and the next append opens a new one.
/// </summary>
internal sealed class BatchAppender(StreamsCaller client, Metadata headers, EventStoreDbAppendProtocol protocol) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private OpenCall? _call;
    private volatile bool _unsupported;

    /// <summary>False when appends are set to go over Append, or once the node answered UNIMPLEMENTED (a server before
    /// 21.10) and appends may fall back to Append.</summary>
    public bool IsSupported => protocol != EventStoreDbAppendProtocol.Append && !_unsupported;

    /// <summary>Whether a node without BatchAppend gets Append instead (false: its appends fail).</summary>
    public bool MayFallBack => protocol == EventStoreDbAppendProtocol.Auto;

    public void MarkUnsupported() => _unsupported = true;

    /// <summary>The server's answer, or the <see cref="RpcException"/> the call ended with (or DEADLINE_EXCEEDED).</summary>
    public async Task<BatchAppendResp> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        CallOptions options)
    {
        var correlationId = Guid.NewGuid();
        var answer = new TaskCompletionSource<BatchAppendResp>(TaskCreationOptions.RunContinuationsAsynchronously);
        OpenCall call;
        await _writing.WaitAsync(options.CancellationToken);
        try
        {
            call = Current();
            call.Pending[correlationId] = answer;
            // The call may have ended before the append was registered, and then nothing would ever answer it.
            if (call.Failure is { } ended && call.Pending.TryRemove(correlationId, out _)) throw ended;
            try
            {
                // Without the caller's token: grpc-dotnet cancels the whole call (every append on it) with a write's token.
                foreach (var request in BatchAppendMessage.Of(correlationId, Requests.BatchAppendOptions(streamId, expected, options.Deadline), events))
                    await call.Grpc.RequestStream.WriteAsync(request);
            }
            catch (Exception)
            {
                // A write fails when the call has ended: its status, which the receiving side records, says why.
                await Task.WhenAny(call.Ended, Task.Delay(TimeSpan.FromSeconds(5)));
                call.Pending.TryRemove(correlationId, out _);
                throw call.Failure ?? new RpcException(new Status(StatusCode.Unavailable, "The BatchAppend call ended."));
            }
        }
        catch (OperationCanceledException)
        {
            _call?.Pending.TryRemove(correlationId, out _);
            throw;
        }
        finally
        {
            _writing.Release();
        }

        try
        {
            var wait = options.Deadline is { } deadline
                ? TimeSpan.FromTicks(Math.Max(0, (deadline - DateTime.UtcNow).Ticks))
                : System.Threading.Timeout.InfiniteTimeSpan;
            return await answer.Task.WaitAsync(wait, options.CancellationToken);
        }
        catch (TimeoutException)
        {
            call.Pending.TryRemove(correlationId, out _);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }
        catch (OperationCanceledException)
        {
            call.Pending.TryRemove(correlationId, out _);
            throw;
        }
    }

    /// <summary>The open call, or a new one when there is none or it ended. Called under the write lock.</summary>
    private OpenCall Current()
    {
        if (_call is { Failure: null } open) return open;
        var call = new OpenCall(client.BatchAppendMessages(new CallOptions(headers, null, _disposed.Token)));
        _call = call;
        _ = ReceiveAsync(call);
        return call;
    }

    private async Task ReceiveAsync(OpenCall call)
    {
        RpcException failure;
        try
        {
            while (await call.Grpc.ResponseStream.MoveNext(CancellationToken.None))
            {
                var response = call.Grpc.ResponseStream.Current;
                if (call.Pending.TryRemove(Uuids.FromWire(response.CorrelationId), out var answer)) answer.TrySetResult(response);
            }
            failure = new RpcException(new Status(StatusCode.Unavailable, "The server ended the BatchAppend call."));
        }
        catch (RpcException e)
        {
            failure = e;
        }
        catch (Exception e)
        {
            failure = new RpcException(new Status(StatusCode.Unavailable, $"The BatchAppend call broke: {e.Message}", e));
        }
        call.Fail(failure);
        call.Grpc.Dispose();
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _call?.Grpc.Dispose();
        _disposed.Dispose();
    }

    private sealed class OpenCall(AsyncDuplexStreamingCall<BatchAppendMessage, BatchAppendResp> grpc)
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile RpcException? _failure;

        public AsyncDuplexStreamingCall<BatchAppendMessage, BatchAppendResp> Grpc => grpc;

        public ConcurrentDictionary<Guid, TaskCompletionSource<BatchAppendResp>> Pending { get; } = new();

        public RpcException? Failure => _failure;

        public Task Ended => _ended.Task;

        /// <summary>Records why the call ended (before failing what waits, so that nothing registered later waits forever).</summary>
        public void Fail(RpcException failure)
        {
            _failure = failure;
            foreach (var id in Pending.Keys)
                if (Pending.TryRemove(id, out var answer)) answer.TrySetException(failure);
            _ended.TrySetResult();
        }
    }
}

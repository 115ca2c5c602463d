using System.Runtime.CompilerServices;
using FlashSale.EventStore.EventStoreDb.Connection;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using ReadEvent = FlashSale.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent;

namespace FlashSale.EventStore.EventStoreDb;

/// <summary>
/// A catch-up subscription to $all that survives dropped connections: it resubscribes after the furthest position the
/// server showed it (an event, delivered or filtered out on arrival, or a checkpoint) and never hands the consumer an
/// event at or before the last delivered one. Caught-up and fell-behind are informational; nothing waits for them.
/// </summary>
internal sealed class AllSubscription(
    EventStoreDbConnection connection,
    Func<ReadReq, CancellationToken, Task<List<ReadEvent>>> readPage,
    ILogger logger)
{
    private const int MaxConsecutiveFailures = 10;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<RecordedEvent> RunAsync(LogPosition? checkpoint, StreamFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resume = checkpoint;
        var delivered = checkpoint;
        var resumeIsCheckpoint = false;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception? error = null;
            // Whether a checkpoint names the last position the server scanned or the next one is not specified; an
            // event sitting exactly at it is read here, so resuming after the checkpoint can never skip it.
            if (resumeIsCheckpoint && resume is { } at)
            {
                RecordedEvent? atCheckpoint;
                (atCheckpoint, error) = await TryReadEventAtAsync(at, cancellationToken);
                if (error is null)
                {
                    resumeIsCheckpoint = false;
                    if (atCheckpoint is not null && (delivered is not { } seen || at > seen) && SnapshotStreams.Passes(filter, atCheckpoint.StreamId))
                    {
                        delivered = at;
                        yield return atCheckpoint;
                    }
                }
            }
            if (error is null)
            {
                using var call = connection.Client.Read(Requests.SubscribeToAll(resume, filter), connection.Options(cancellationToken, deadline: false));
                while (true)
                {
                    (var moved, error) = await TryMoveNextAsync(call.ResponseStream, cancellationToken);
                    if (!moved) break;
                    var message = call.ResponseStream.Current;
                    switch (message.ContentCase)
                    {
                        case ReadResp.ContentOneofCase.Confirmation:
                            failures = 0;
                            logger.StoreSubscribed(resume?.ToToken() ?? "start");
                            break;
                        case ReadResp.ContentOneofCase.Checkpoint:
                            var reached = new LogPosition(message.Checkpoint.CommitPosition, message.Checkpoint.PreparePosition);
                            if (resume is { } current && reached <= current) break;
                            resume = reached;
                            resumeIsCheckpoint = true;
                            break;
                        case ReadResp.ContentOneofCase.Event:
                            var position = WireEvents.PositionOf(message.Event);
                            if (resume is not { } before || position >= before) (resume, resumeIsCheckpoint) = (position, false);
                            if (delivered is { } last && position <= last) break;
                            if (!SnapshotStreams.Passes(filter, WireEvents.StreamOf(message.Event))) break;
                            delivered = position;
                            yield return WireEvents.ToRecorded(message.Event);
                            break;
                        case ReadResp.ContentOneofCase.CaughtUp or ReadResp.ContentOneofCase.FellBehind:
                            logger.StoreSubscriptionState(message.ContentCase, resume?.ToToken() ?? "start");
                            break;
                    }
                }
            }

            ThrowUnlessTransient(error);
            if (++failures > MaxConsecutiveFailures)
                throw new EventStoreUnavailableException(
                    $"The event store is unavailable: the $all subscription failed {MaxConsecutiveFailures} times in a row.", error);
            if (failures > 1 && connection.Settings.Hosts.Count > 1) connection.NextSeed();
            logger.StoreSubscriptionDropped(error, resume?.ToToken() ?? "start", failures);
            await Task.Delay(Backoff(failures), cancellationToken);
        }
    }

    /// <summary>Follows a not-leader redirect; lets dropped connections, busy or restarting nodes be retried; throws the rest.</summary>
    private void ThrowUnlessTransient(Exception? error)
    {
        switch (error)
        {
            case null or IOException or HttpRequestException or EventStoreUnavailableException or EventStoreTimeoutException:
                return;
            case RpcException notLeader when RpcErrors.IsNotLeader(notLeader, out var leader):
                connection.FollowLeader(leader);
                return;
            case RpcException rpc when RpcErrors.IsTransient(rpc):
                return;
            case RpcException rpc:
                throw RpcErrors.Map(rpc, null, $"{connection.Node.Host}:{connection.Node.Port}");
            default:
                throw error;
        }
    }

    private async Task<(RecordedEvent? Event, Exception? Error)> TryReadEventAtAsync(LogPosition position,
        CancellationToken cancellationToken)
    {
        try
        {
            var page = await readPage(Requests.ReadAll(position, 1, null), cancellationToken);
            return (page.Count == 1 && WireEvents.PositionOf(page[0]) == position ? WireEvents.ToRecorded(page[0]) : null, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            return (null, e);
        }
    }

    private static async Task<(bool Moved, Exception? Error)> TryMoveNextAsync(IAsyncStreamReader<ReadResp> stream,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await stream.MoveNext(cancellationToken), null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            return (false, e);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures - 1, 10))));
}

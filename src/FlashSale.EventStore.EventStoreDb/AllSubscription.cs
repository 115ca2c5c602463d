using System.Runtime.CompilerServices;
using FlashSale.EventStore.EventStoreDb.Connection;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace FlashSale.EventStore.EventStoreDb;

/// <summary>
/// A catch-up subscription to $all that survives dropped connections: it resubscribes after the last position the
/// server showed it (an event, delivered or filtered out, or a checkpoint) and never hands an event at or before the
/// last delivered one to the consumer again. Caught-up and fell-behind are informational; nothing waits for them.
/// </summary>
internal sealed class AllSubscription(EventStoreDbConnection connection, ILogger logger)
{
    private const int MaxConsecutiveFailures = 10;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<RecordedEvent> RunAsync(LogPosition? checkpoint, StreamFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resume = checkpoint;
        var delivered = checkpoint;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception? error = null;
            using (var call = connection.Client.Read(Requests.SubscribeToAll(resume, filter), connection.Options(cancellationToken, deadline: false)))
            {
                while (true)
                {
                    (var moved, error) = await TryMoveNextAsync(call.ResponseStream, cancellationToken);
                    if (!moved) break;
                    var message = call.ResponseStream.Current;
                    switch (message.ContentCase)
                    {
                        case ReadResp.ContentOneofCase.Confirmation:
                            failures = 0;
                            logger.LogDebug("Subscribed to $all after {Position}", resume?.ToToken() ?? "start");
                            break;
                        case ReadResp.ContentOneofCase.Checkpoint:
                            resume = Later(resume, new LogPosition(message.Checkpoint.CommitPosition, message.Checkpoint.PreparePosition));
                            break;
                        case ReadResp.ContentOneofCase.Event:
                            var position = WireEvents.PositionOf(message.Event);
                            resume = Later(resume, position);
                            if (delivered is { } last && position <= last) break;
                            if (!filter.Passes(WireEvents.StreamOf(message.Event))) break;
                            delivered = position;
                            yield return WireEvents.ToRecorded(message.Event);
                            break;
                        case ReadResp.ContentOneofCase.CaughtUp:
                            logger.LogDebug("$all subscription caught up at {Position}", resume?.ToToken() ?? "start");
                            break;
                        case ReadResp.ContentOneofCase.FellBehind:
                            logger.LogDebug("$all subscription fell behind at {Position}", resume?.ToToken() ?? "start");
                            break;
                    }
                }
            }
            if (error is RpcException notLeader && RpcErrors.IsNotLeader(notLeader, out var leader))
                connection.FollowLeader(leader);
            else if (error is RpcException rpc && !RpcErrors.IsTransient(rpc))
                throw RpcErrors.Map(rpc, null, $"{connection.Node.Host}:{connection.Node.Port}");
            else if (error is not null and not RpcException and not IOException and not HttpRequestException)
                throw error;

            if (++failures > MaxConsecutiveFailures)
                throw new EventStoreUnavailableException(
                    $"The event store is unavailable: the $all subscription failed {MaxConsecutiveFailures} times in a row.", error);
            if (failures > 1 && connection.Settings.Hosts.Count > 1) connection.NextSeed();
            logger.LogWarning(error, "$all subscription dropped; resubscribing after {Position} (attempt {Attempt})",
                resume?.ToToken() ?? "start", failures);
            await Task.Delay(Backoff(failures), cancellationToken);
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

    private static LogPosition Later(LogPosition? current, LogPosition candidate) =>
        current is { } c && c >= candidate ? c : candidate;

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures - 1, 10))));
}

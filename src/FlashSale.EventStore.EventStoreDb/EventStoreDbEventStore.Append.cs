using FlashSale.EventStore.EventStoreDb.Connection;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb;

public sealed partial class EventStoreDbEventStore
{
    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));

        var response = await _connection.CallAsync((client, options) => client.BatchAppends.IsSupported
                ? BatchAppendAsync(client, options, _connection.Node, streamId, expected, events)
                : SendAsync(client, options, streamId, expected, events),
            streamId, cancellationToken);
        if (response.ResultCase == AppendResp.ResultOneofCase.WrongExpectedVersion)
            return new AppendResult.WrongExpectedVersion(streamId, expected, ActualRevision(response.WrongExpectedVersion));
        var success = response.Success;
        if (success.CurrentRevisionOptionCase != AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision)
            throw new InvalidDataException($"EventStoreDB acknowledged the append to '{streamId}' without a stream revision.");
        var next = (long)success.CurrentRevision;
        return new AppendResult.Success(next,
            await PositionsOfAsync(streamId, next, events, WireEvents.PositionOf(success), positions, cancellationToken));
    }

    /// <summary>One append on the node's BatchAppend call (one request, one flush); a server without BatchAppend (before
    /// 21.10) answers UNIMPLEMENTED, and its appends go over Append from then on (unless appendProtocol=batchAppend).</summary>
    private static async Task<AppendResp> BatchAppendAsync(StreamsCaller client, CallOptions options, System.Net.DnsEndPoint node, string streamId,
        ExpectedRevision expected, IReadOnlyList<EventData> events)
    {
        BatchAppendResp answer;
        try
        {
            answer = await client.BatchAppends.AppendAsync(streamId, expected, events, options);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            if (!client.BatchAppends.MayFallBack)
                throw new NotSupportedException(
                    $"EventStoreDB at {node.Host}:{node.Port} does not serve BatchAppend (UNIMPLEMENTED: a server before 21.10), and the " +
                    "connection string sets appendProtocol=batchAppend: set appendProtocol=auto or append to append to it over Append.", e);
            client.BatchAppends.MarkUnsupported();
            return await SendAsync(client, options, streamId, expected, events);
        }
        return BatchAppendAnswers.ToAppendResp(answer, streamId);
    }

    private static Task<AppendResp> SendAsync(StreamsCaller client, CallOptions options, string streamId,
        ExpectedRevision expected, IReadOnlyList<EventData> events) =>
        SendAsync(client, options, streamId, expected, events.Count, i => AppendMessage.Of(events[i]));

    /// <summary>One Append call of <paramref name="count"/> messages; a wrong expected version is an answer, not an error.</summary>
    private static async Task<AppendResp> SendAsync(StreamsCaller client, CallOptions options, string streamId,
        ExpectedRevision expected, int count, Func<int, AppendMessage> message)
    {
        using var call = client.AppendMessages(options);
        try
        {
            await call.RequestStream.WriteAsync(Requests.AppendOptions(streamId, expected));
            for (var i = 0; i < count; i++) await call.RequestStream.WriteAsync(message(i));
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception) when (!options.CancellationToken.IsCancellationRequested)
        {
            // The server ended the call early (too large, not leader, ...): its status below says why.
        }
        try
        {
            return await call.ResponseAsync;
        }
        catch (RpcException e) when (RpcErrors.IsWrongExpectedVersion(e, out var actual))
        {
            var wrong = new AppendResp.Types.WrongExpectedVersion();
            if (actual >= 0) wrong.CurrentRevision = (ulong)actual;
            else wrong.CurrentNoStream = new Empty();
            return new AppendResp { WrongExpectedVersion = wrong };
        }
    }

    private static long ActualRevision(AppendResp.Types.WrongExpectedVersion wrong) =>
        wrong.CurrentRevisionOptionCase switch
        {
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => (long)wrong.CurrentRevision,
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => -1,
            _ => wrong.CurrentRevisionOption2060Case ==
                 AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060
                ? (long)wrong.CurrentRevision2060
                : -1,
        };

    /// <summary>
    /// Every server with the gRPC API (20.6+) writes each event of an append as a prepare that commits itself, and
    /// answers with the commit of the last one: that is exactly the last event's position, as a read shows it. The
    /// events before it have their own positions, which no answer carries: those, and only those, are read back
    /// (matched by id), and only when the caller wants them. A one-event append (the group commit of one order, a lease
    /// renewal) or an append that needs only its last position (every group commit, ADR 0023) costs one call.
    /// </summary>
    private async Task<IReadOnlyList<LogPosition>> PositionsOfAsync(string streamId, long lastRevision,
        IReadOnlyList<EventData> events, LogPosition? answered, AppendPositions wanted, CancellationToken cancellationToken)
    {
        var lastOnly = wanted == AppendPositions.LastEvent;
        if (answered is { } last && (events.Count == 1 || lastOnly)) return [last];
        // Read back what the answer does not name: the events before the last, or (no position answered) all wanted.
        var from = answered is null && lastOnly ? events.Count - 1 : 0;
        var unknown = answered is null ? events.Count - from : events.Count - 1;
        var first = lastRevision - events.Count + 1 + from;
        var written = await ReadPageAsync(Requests.ReadStream(streamId, Math.Max(0, first), unknown), streamId, cancellationToken);
        var positions = new LogPosition[events.Count - from];
        for (var i = 0; i < unknown; i++)
        {
            if (i >= written.Count || WireEvents.IdOf(written[i]) != events[from + i].EventId)
                throw new InvalidDataException(
                    $"EventStoreDB acknowledged the append to '{streamId}' up to revision {lastRevision}, but event {events[from + i].EventId} is not at revision {first + i}.");
            positions[i] = WireEvents.PositionOf(written[i]);
        }
        if (answered is { } end) positions[^1] = end;
        return positions;
    }
}

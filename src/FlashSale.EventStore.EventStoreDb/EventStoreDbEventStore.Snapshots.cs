using FlashSale.EventStore.EventStoreDb.Connection;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using ReadEvent = FlashSale.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent;

namespace FlashSale.EventStore.EventStoreDb;

/// <summary>The calls the snapshot store makes on this store's connection (<see cref="EventStoreDbSnapshotStore"/>).</summary>
public sealed partial class EventStoreDbEventStore
{
    /// <summary>Where the snapshot store logs when it was given no logger of its own.</summary>
    internal ILogger Logger => _logger;

    /// <summary>Up to <paramref name="count"/> events of a stream backwards from its end, and the stream's last revision
    /// (-1 when it does not exist).</summary>
    internal Task<(List<ReadEvent> Events, long LastRevision)> ReadStreamEndAsync(string streamId, long before, int count,
        CancellationToken cancellationToken) =>
        _connection.CallAsync(async (client, options) =>
        {
            using var call = client.Read(SnapshotRequests.ReadStreamBackwards(streamId, before, count), options);
            var events = new List<ReadEvent>();
            long? last = null;
            await foreach (var response in call.ResponseStream.ReadAllAsync(options.CancellationToken))
            {
                if (response.ContentCase == ReadResp.ContentOneofCase.Event) events.Add(response.Event);
                else if (response.ContentCase == ReadResp.ContentOneofCase.LastStreamPosition) last = (long)response.LastStreamPosition;
                else if (response.ContentCase == ReadResp.ContentOneofCase.StreamNotFound) last = -1;
            }
            return (events, last ?? (events.Count > 0 ? (long)events[0].Event.StreamRevision : -1));
        }, streamId, cancellationToken);

    /// <summary>One Append call of messages already built; a wrong expected version is an answer, as on <see cref="AppendAsync"/>.</summary>
    internal Task<AppendResp> AppendMessagesAsync(string streamId, ExpectedRevision expected, IReadOnlyList<AppendReq> messages,
        CancellationToken cancellationToken) =>
        _connection.CallAsync((client, options) => SendAsync(client, options, streamId, expected, messages.Count, i => messages[i]),
            streamId, cancellationToken);
}

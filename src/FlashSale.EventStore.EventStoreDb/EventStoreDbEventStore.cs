using System.Runtime.CompilerServices;
using FlashSale.EventStore.EventStoreDb.Connection;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReadEvent = FlashSale.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent;

namespace FlashSale.EventStore.EventStoreDb;

/// <summary>
/// The event store port over EventStoreDB / KurrentDB's gRPC Streams protocol. Reads go page by page, each page one
/// call under the default deadline; the live subscription is the only call without one.
/// </summary>
public sealed partial class EventStoreDbEventStore : IEventStore, IAsyncDisposable
{
    private const int PageSize = 512;

    private readonly EventStoreDbConnection _connection;
    private readonly ILogger _logger;

    public EventStoreDbEventStore(EventStoreDbSettings settings, ILogger<EventStoreDbEventStore>? logger = null)
    {
        _connection = new EventStoreDbConnection(settings);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public static EventStoreDbEventStore Connect(string connectionString, ILogger<EventStoreDbEventStore>? logger = null) =>
        new(EventStoreDbConnectionString.Parse(connectionString), logger);

    public EventStoreDbSettings Settings => _connection.Settings;

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        var next = Math.Max(0, fromRevision);
        var remaining = maxCount;
        while (remaining > 0)
        {
            var want = Math.Min(PageSize, remaining);
            var page = await ReadPageAsync(Requests.ReadStream(streamId, next, want), streamId, cancellationToken);
            foreach (var e in page) yield return WireEvents.ToRecorded(e);
            if (page.Count < want) yield break;
            remaining -= page.Count;
            next = (long)page[^1].Event.StreamRevision + 1;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = after;
        var remaining = maxCount;
        while (remaining > 0)
        {
            // A plain $all read includes its start position: ask for one more and drop what is not after it.
            var want = Math.Min(PageSize, remaining) + (from is null ? 0 : 1);
            var page = await ReadPageAsync(Requests.ReadAll(from, want, filter), null, cancellationToken);
            var last = from;
            foreach (var read in page)
            {
                var position = WireEvents.PositionOf(read);
                if (last is { } seen && position <= seen) continue;
                last = position;
                if (!SnapshotStreams.Passes(filter, WireEvents.StreamOf(read))) continue;
                yield return WireEvents.ToRecorded(read);
                if (--remaining == 0) yield break;
            }
            if (page.Count < want || last == from) yield break;
            from = last;
        }
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) =>
        new AllSubscription(_connection, (request, token) => ReadPageAsync(request, null, token), _logger)
            .RunAsync(checkpoint, filter, cancellationToken);

    /// <summary>The last event of $all but snapshots' (ADR 0021): a snapshot written after the last item event never moves
    /// the head that followers and checkpoints are compared with.</summary>
    public async Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        LogPosition? before = null;
        while (true)
        {
            var page = await ReadPageAsync(SnapshotRequests.ReadLastOfAllButSnapshots(before), null, cancellationToken);
            if (page.Count == 0) return null;
            if (!SnapshotStreams.Is(WireEvents.StreamOf(page[0]))) return WireEvents.PositionOf(page[0]);
            before = WireEvents.PositionOf(page[0]);
        }
    }

    /// <summary>One Read call to its end: the events it returned (a missing stream answers in band with none).</summary>
    private Task<List<ReadEvent>> ReadPageAsync(ReadReq request, string? streamId, CancellationToken cancellationToken) =>
        _connection.CallAsync(async (client, options) =>
        {
            using var call = client.Read(request, options);
            var events = new List<ReadEvent>();
            await foreach (var response in call.ResponseStream.ReadAllAsync(options.CancellationToken))
                if (response.ContentCase == ReadResp.ContentOneofCase.Event) events.Add(response.Event);
            return events;
        }, streamId, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }
}

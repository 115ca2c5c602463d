using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.EventStoreDb.Wire;
using Grpc.Core;
using Grpc.Net.Client;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>
/// Filtered $all reads as 23.10 serves them (<c>Enumerators.ReadAllBackwardsFiltered</c>, <c>AllReader</c>,
/// <c>EventFilter</c>): the server pages through its search window itself until it has the count or reaches the start of
/// the log, sends only events (no checkpoints, which are for subscriptions), and its default $all filter comes first.
/// </summary>
public sealed class AllFilterFidelityTests : DoubleFixture
{
    [Fact]
    public async Task a_filtered_read_of_all_never_shows_epoch_information_so_a_fresh_node_has_no_head()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Server.Port}");
        var client = new Streams.StreamsClient(channel);
        var unfiltered = Requests.ReadAll(null, 10, null);
        var filtered = SnapshotRequests.ReadLastOfAllButSnapshots(null);
        filtered.Options.Count = 10;

        (await ReadAsync(client, unfiltered)).Select(StreamOf).ShouldBe(["$epoch-information"]);
        (await ReadAsync(client, filtered)).ShouldBeEmpty();
        (await Store.ReadHeadPositionAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task the_head_passes_a_tail_of_snapshot_events_longer_than_the_servers_search_window_in_one_call()
    {
        var item = await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvent());
        var snapshot = SnapshotStreams.For(NewStream());
        for (var i = 0; i < 3; i++)
            await Store.AppendMessagesAsync(snapshot, ExpectedRevision.Any,
                [.. Enumerable.Range(0, 40).Select(p => SnapshotRequests.Part(new byte[8], new SnapshotPart(Guid.NewGuid(), p)))],
                CancellationToken.None);
        // The head is the last event but snapshots' (system ones too: the double logs a $stats event every third append).
        var last = await Store.ReadAllAsync(item.Position, int.MaxValue).Select(e => e.Position).ToListAsync();
        var reads = Server.ReadCalls;

        (await Store.ReadHeadPositionAsync()).ShouldBe(last.Count > 0 ? last[^1] : item.Position);
        (Server.ReadCalls - reads).ShouldBe(1);
    }

    [Fact]
    public async Task a_backward_read_of_all_from_a_position_starts_before_the_event_at_it()
    {
        var first = await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvent());
        var second = await AppendOk(NewStream(), ExpectedRevision.NoStream, NewEvent());
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Server.Port}");

        var read = await ReadAsync(new Streams.StreamsClient(channel), SnapshotRequests.ReadLastOfAllButSnapshots(second.Position));

        read.Select(r => WireEvents.PositionOf(r.Event)).ShouldBe([first.Position]);
    }

    private static string StreamOf(ReadResp r) => WireEvents.StreamOf(r.Event);

    private static async Task<List<ReadResp>> ReadAsync(Streams.StreamsClient client, ReadReq request)
    {
        using var call = client.Read(request);
        return await call.ResponseStream.ReadAllAsync().ToListAsync();
    }
}

using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Tests.Fixtures;

namespace FlashSale.Subscriptions.Tests.Following;

public sealed class BatchingTests
{
    [Fact]
    public async Task batches_hold_what_has_arrived_up_to_the_configured_size()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 26);
        // The first batch is held until the rest of the log has been read ahead, so the next batches are full.
        var handler = new RecordingHandler { Gate = RecordingHandler.Closed() };
        await using var running = new RunningFollower(log.Store, handler, new FollowerOptions { BatchSize = 10, BufferSize = 40 });
        await Eventually.HoldsAsync(() => handler.Holding > 0 && handler.Holding + running.Status.Buffered == 26,
            "the rest of the log is read ahead of the held batch");
        var first = handler.Holding;
        handler.Gate.SetResult();

        await running.UntilHandledAsync(26);

        first.ShouldBeInRange(1, 10);
        handler.Batches.Select(b => b.Events.Count).ShouldBe([first, .. Chunks(26 - first, 10)]);
    }

    private static IEnumerable<int> Chunks(int count, int size)
    {
        for (; count > 0; count -= size) yield return Math.Min(size, count);
    }

    [Fact]
    public async Task each_event_arrives_decoded_into_its_domain_event()
    {
        await using var log = await TestLog.OpenAsync();
        var placed = new OrderPlaced("sku-1", "order-1", "alice", 2, DateTimeOffset.UnixEpoch);
        await log.AppendAsync("sku-1", [placed]);
        await using var running = new RunningFollower(log.Store, new RecordingHandler());

        await running.UntilHandledAsync(1);

        var received = running.Handler.Events.ShouldHaveSingleItem();
        received.Event.ShouldBe(placed);
        received.Recorded.StreamId.ShouldBe(ItemStreams.For("sku-1"));
        received.IsPoison.ShouldBeFalse();
    }

    [Fact]
    public async Task a_follower_told_to_decode_some_types_hands_the_others_over_undecoded()
    {
        await using var log = await TestLog.OpenAsync();
        var placed = new OrderPlaced("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch);
        await log.AppendAsync("sku-1", [new ItemRestocked("sku-1", 5, "restock", DateTimeOffset.UnixEpoch), placed]);
        var options = new FollowerOptions { DecodeOnly = new HashSet<string> { ItemEventTypes.NameOf<OrderPlaced>() } };
        await using var running = new RunningFollower(log.Store, new RecordingHandler(), options);

        await running.UntilHandledAsync(2);

        running.Handler.Events.Select(e => e.Event).ShouldBe([null, placed]);
    }

    [Fact]
    public async Task a_poison_event_reaches_the_handler_as_data_and_the_events_after_it_follow()
    {
        await using var log = await TestLog.OpenAsync();
        var first = await log.RestockAsync("sku-1", 1);
        var poison = await log.AppendUnreadableAsync("sku-1", ItemEventTypes.NameOf<OrderPlaced>());
        var last = await log.RestockAsync("sku-1", 1);
        await using var running = new RunningFollower(log.Store, new RecordingHandler());

        await running.UntilHandledAsync(3);

        running.Handler.Positions.ShouldBe([first[0], poison, last[0]]);
        var unreadable = running.Handler.Events[1];
        unreadable.IsPoison.ShouldBeTrue();
        unreadable.Event.ShouldBeNull();
        unreadable.Error.ShouldNotBeNullOrWhiteSpace();
        unreadable.Recorded.Type.ShouldBe(ItemEventTypes.NameOf<OrderPlaced>());
        running.Handler.Journal.ShouldNotContain(j => j.StartsWith("faulted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task events_of_other_streams_never_reach_the_handler()
    {
        await using var log = await TestLog.OpenAsync();
        var item = await log.RestockAsync("sku-1", 1);
        await log.AppendElsewhereAsync("cart-1");
        var later = await log.RestockAsync("sku-1", 1);
        await using var running = new RunningFollower(log.Store, new RecordingHandler());

        await running.UntilHandledAsync(2);
        await Task.Delay(100);

        running.Handler.Positions.ShouldBe([item[0], later[0]]);
    }
}

using FlashSale.EventStore;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Tests.Fixtures;

namespace FlashSale.Subscriptions.Tests.Following;

public sealed class ResubscribingTests
{
    private static readonly FollowerOptions QuickRetry = new() { BatchSize = 4, RetryDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task after_the_subscription_throws_the_follower_resubscribes_from_the_last_handled_event()
    {
        await using var log = await TestLog.OpenAsync();
        var positions = await log.RestockAsync("sku-1", 10);
        var dropping = new DroppingEventStore(log.Store, dropAfter: 6);
        await using var running = new RunningFollower(dropping, new RecordingHandler(), QuickRetry);

        await running.UntilHandledAsync(10);

        dropping.SubscribedFrom.ShouldBe([null, positions[5]], "what arrived before the drop is handled, then the rest follows");
        running.Handler.Journal.ShouldContain("faulted: connection to the event store lost");
    }

    [Fact]
    public async Task every_event_reaches_the_handler_exactly_once_and_in_log_order_across_a_drop()
    {
        await using var log = await TestLog.OpenAsync();
        var before = await log.RestockAsync("sku-1", 7);
        var dropping = new DroppingEventStore(log.Store, dropAfter: 5);
        await using var running = new RunningFollower(dropping, new RecordingHandler(), QuickRetry);
        await running.UntilHandledAsync(7);
        var after = await log.RestockAsync("sku-2", 5);

        await running.UntilHandledAsync(12);
        await Task.Delay(100); // anything delivered twice would have arrived by now

        running.Handler.Positions.ShouldBe([.. before, .. after]);
        dropping.SubscribedFrom.Count.ShouldBe(2);
        (await running.Checkpoint.LoadAsync(CancellationToken.None)).ShouldBe(after[^1]);
    }

    [Fact]
    public async Task a_handler_that_throws_gets_the_same_batch_again_after_the_resubscription()
    {
        await using var log = await TestLog.OpenAsync();
        var positions = await log.RestockAsync("sku-1", 3);
        var handler = new RecordingHandler { FailOnce = new InvalidOperationException("read store unavailable") };
        await using var running = new RunningFollower(log.Store, handler, QuickRetry);

        await running.UntilHandledAsync(3);

        handler.Positions.ShouldBe(positions);
        handler.Journal.ShouldContain("faulted: read store unavailable");
    }

    [Fact]
    public async Task a_failure_marked_as_news_resubscribes_at_once_without_a_fault()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 3);
        var handler = new RecordingHandler { FailOnce = new TimeoutException("checkpoint moved") };
        var options = new FollowerOptions { RetryDelay = TimeSpan.FromMinutes(10), ResubscribeAtOnce = ex => ex is TimeoutException };
        await using var running = new RunningFollower(log.Store, handler, options);

        await running.UntilHandledAsync(3);

        handler.Journal.ShouldNotContain(j => j.StartsWith("faulted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_wait_before_resubscribing_doubles_per_failure_in_a_row()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 1);
        var failing = new DroppingEventStore(log.Store, dropAfter: 0, drops: 3);
        var options = new FollowerOptions { RetryDelay = TimeSpan.FromMilliseconds(150), MaxRetryDelay = TimeSpan.FromSeconds(30) };
        await using var running = new RunningFollower(failing, new RecordingHandler(), options);

        await running.UntilHandledAsync(1);

        var at = failing.SubscribedAt;
        at.Count.ShouldBe(4);
        (at[1] - at[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(140));
        (at[2] - at[1]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
        (at[3] - at[2]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(590));
        running.Status.State.ShouldBe(Status.FollowerState.Live);
    }
}

using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Status;
using FlashSale.Subscriptions.Tests.Fixtures;

namespace FlashSale.Subscriptions.Tests.Following;

public sealed class CatchingUpTests
{
    [Fact]
    public async Task history_comes_before_the_caught_up_signal_and_new_events_after_it()
    {
        await using var log = await TestLog.OpenAsync();
        var history = await log.RestockAsync("sku-1", 5);
        await using var running = new RunningFollower(log.Store, new RecordingHandler(), new FollowerOptions { BatchSize = 3 });
        await running.Follower.CaughtUp.WaitAsync(Eventually.Bound);
        running.Handler.Positions.ShouldBe(history, "everything in the log when it subscribed is handled before it is caught up");

        await log.RestockAsync("sku-1", 2);
        await running.UntilHandledAsync(7);

        var journal = running.Handler.Journal;
        var caughtUp = journal.ToList().IndexOf($"caught up at {history[^1].ToToken()}");
        caughtUp.ShouldBeGreaterThan(0);
        journal.Take(caughtUp).ShouldAllBe(j => j.EndsWith("history", StringComparison.Ordinal));
        journal.Skip(caughtUp + 1).ShouldAllBe(j => j.EndsWith("live", StringComparison.Ordinal));
        journal.Count(j => j.StartsWith("caught up", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task a_follower_of_an_empty_log_is_caught_up_at_once()
    {
        await using var log = await TestLog.OpenAsync();
        await using var running = new RunningFollower(log.Store, new RecordingHandler());

        await running.Follower.CaughtUp.WaitAsync(Eventually.Bound);

        running.Handler.Journal.ShouldBe(["caught up at start"]);
        running.Status.State.ShouldBe(FollowerState.Live);
    }

    [Fact]
    public async Task a_follower_catches_up_when_the_last_event_of_the_log_is_one_it_does_not_follow()
    {
        await using var log = await TestLog.OpenAsync();
        var items = await log.RestockAsync("sku-1", 3);
        await log.AppendElsewhereAsync("cart-1");
        await using var running = new RunningFollower(log.Store, new RecordingHandler());

        await running.Follower.CaughtUp.WaitAsync(Eventually.Bound);

        running.Handler.Positions.ShouldBe(items);
        running.Status.State.ShouldBe(FollowerState.Live);
    }

    [Fact]
    public async Task a_failure_before_catching_up_ends_the_run_when_state_must_be_whole_before_serving()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 4);
        var dropping = new DroppingEventStore(log.Store, dropAfter: 2);
        var options = new FollowerOptions { FailUntilCaughtUp = true, RetryDelay = TimeSpan.FromMilliseconds(10) };
        await using var running = new RunningFollower(dropping, new RecordingHandler(), options);

        var failure = await Should.ThrowAsync<IOException>(() => running.Follower.CaughtUp.WaitAsync(Eventually.Bound));

        failure.Message.ShouldBe("connection to the event store lost");
        await Should.ThrowAsync<IOException>(() => running.Running.WaitAsync(Eventually.Bound));
        dropping.SubscribedFrom.Count.ShouldBe(1);
        running.Status.State.ShouldBe(FollowerState.Faulted);
    }

    [Fact]
    public async Task after_catching_up_once_a_failure_is_retried_even_when_state_had_to_be_whole_before_serving()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 2);
        var dropping = new DroppingEventStore(log.Store, dropAfter: 3);
        var options = new FollowerOptions { FailUntilCaughtUp = true, RetryDelay = TimeSpan.FromMilliseconds(10) };
        await using var running = new RunningFollower(dropping, new RecordingHandler(), options);
        await running.Follower.CaughtUp.WaitAsync(Eventually.Bound);

        await log.RestockAsync("sku-1", 3);
        await running.UntilHandledAsync(5);

        dropping.SubscribedFrom.Count.ShouldBe(2);
        running.Handler.Batches.Skip(1).ShouldAllBe(b => b.Live);
    }
}

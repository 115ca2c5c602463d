using FlashSale.Subscriptions.Status;
using FlashSale.Subscriptions.Tests.Fixtures;

namespace FlashSale.Subscriptions.Tests.Following;

public sealed class StoppingTests
{
    [Fact]
    public async Task cancelling_a_live_follower_ends_its_run_without_an_error()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 2);
        await using var running = new RunningFollower(log.Store, new RecordingHandler());
        await running.UntilHandledAsync(2);

        await running.StopAsync();

        running.Running.IsCompletedSuccessfully.ShouldBeTrue();
        running.Status.State.ShouldBe(FollowerState.Stopped);
        running.Handler.Journal[^1].ShouldBe("stopped");
        running.Handler.Journal.ShouldNotContain(j => j.StartsWith("faulted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task cancelling_while_a_batch_is_in_the_handler_stops_without_storing_its_checkpoint()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 3);
        var handler = new RecordingHandler { Gate = RecordingHandler.Closed() };
        await using var running = new RunningFollower(log.Store, handler);
        await Eventually.HoldsAsync(() => handler.Holding > 0, "a batch is in the handler");

        await running.StopAsync();

        running.Running.IsCompletedSuccessfully.ShouldBeTrue();
        handler.Batches.ShouldBeEmpty();
        (await running.Checkpoint.LoadAsync(CancellationToken.None)).ShouldBeNull();
        running.Follower.CaughtUp.IsCanceled.ShouldBeTrue();
        running.Status.State.ShouldBe(FollowerState.Stopped);
    }

    [Fact]
    public async Task cancelling_while_waiting_to_resubscribe_stops_at_once()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 1);
        var failing = new DroppingEventStore(log.Store, dropAfter: 0);
        await using var running = new RunningFollower(failing, new RecordingHandler(),
            new() { RetryDelay = TimeSpan.FromMinutes(10) });
        await Eventually.HoldsAsync(() => running.Status.State == FollowerState.Faulted, "the follower waits to resubscribe");

        await running.StopAsync();

        running.Running.IsCompletedSuccessfully.ShouldBeTrue();
        running.Status.State.ShouldBe(FollowerState.Stopped);
    }
}

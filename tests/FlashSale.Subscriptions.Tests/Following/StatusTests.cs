using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Status;
using FlashSale.Subscriptions.Tests.Fixtures;

namespace FlashSale.Subscriptions.Tests.Following;

public sealed class StatusTests
{
    [Fact]
    public async Task a_follower_behind_the_log_reports_catching_up_with_its_lag_then_live_at_the_head()
    {
        await using var log = await TestLog.OpenAsync();
        var positions = await log.RestockAsync("sku-1", 6);
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(10));
        var handler = new RecordingHandler { Gate = RecordingHandler.Closed() };
        await using var running = new RunningFollower(log.Store, handler, new FollowerOptions { BatchSize = 2 }, clock);
        await Eventually.HoldsAsync(() => handler.Holding > 0 && running.Status.Buffered == 4, "the log is read ahead");

        var behind = running.Status;
        behind.State.ShouldBe(FollowerState.CatchingUp);
        behind.Position.ShouldBeNull();
        behind.Head.ShouldBe(positions[^1]);
        behind.IsBehind.ShouldBeTrue();
        behind.LagSeconds.ShouldBeGreaterThan(9 * 60, "the oldest waiting event was recorded ten minutes before the clock");
        behind.EventsHandled.ShouldBe(0);

        handler.Gate.SetResult();
        await running.Follower.CaughtUp.WaitAsync(Eventually.Bound);
        await Eventually.HoldsAsync(() => running.Status.State == FollowerState.Live, "the follower is live");

        var live = running.Status;
        live.Position.ShouldBe(positions[^1]);
        live.Head.ShouldBe(positions[^1]);
        live.IsBehind.ShouldBeFalse();
        live.LagSeconds.ShouldBe(0);
        live.Buffered.ShouldBe(0);
        live.EventsHandled.ShouldBe(6);
        live.Error.ShouldBeNull();
        live.Name.ShouldBe("test");
    }

    [Fact]
    public async Task a_dropped_follower_reports_faulted_with_the_error_while_it_waits_to_resubscribe()
    {
        await using var log = await TestLog.OpenAsync();
        await log.RestockAsync("sku-1", 2);
        var dropping = new DroppingEventStore(log.Store, dropAfter: 1);
        await using var running = new RunningFollower(dropping, new RecordingHandler(), new FollowerOptions { RetryDelay = TimeSpan.FromMinutes(10) });

        await Eventually.HoldsAsync(() => running.Status.State == FollowerState.Faulted, "the drop is reported");

        running.Status.Error.ShouldBe("connection to the event store lost");
        running.Status.Position.ShouldBe(running.Handler.Positions.ShouldHaveSingleItem());
    }

    [Fact]
    public async Task the_registry_reports_every_follower_of_the_process_by_name()
    {
        await using var log = await TestLog.OpenAsync();
        var positions = await log.RestockAsync("sku-1", 3);
        var registry = new LogFollowers();
        await using var index = new RunningFollower(log.Store, new RecordingHandler(), registry: registry, name: "order-index");
        await using var payments = new RunningFollower(log.Store, new RecordingHandler(), registry: registry, name: "payments");

        await Eventually.HoldsAsync(() => registry.All.Count(s => s.State == FollowerState.Live && s.Position == positions[^1]) == 2,
            "both followers are live at the head");

        registry.All.Select(s => s.Name).ShouldBe(["order-index", "payments"]);
        registry.StatusOf("payments").ShouldNotBeNull().EventsHandled.ShouldBe(3);
        registry.StatusOf("projections").ShouldBeNull();
    }
}

using FlashSale.Api.Limits;

namespace FlashSale.Api.Tests.Resilience;

public sealed class UserOrderWindowsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void a_full_window_answers_the_time_left_in_it_and_the_next_window_starts_with_the_whole_budget()
    {
        var clock = new StepClock();
        var windows = new UserOrderWindows(2, Minute, clock);
        windows.TryCount("alice").ShouldBeNull();
        clock.Advance(TimeSpan.FromSeconds(20));
        windows.TryCount("alice").ShouldBeNull();

        windows.TryCount("alice").ShouldBe(TimeSpan.FromSeconds(40));
        windows.TryCount("bob").ShouldBeNull();
        clock.Advance(TimeSpan.FromSeconds(40));
        windows.TryCount("alice").ShouldBeNull();
        windows.TryCount("alice").ShouldBeNull();
        windows.TryCount("alice").ShouldBe(Minute);
    }

    [Fact]
    public void ended_windows_are_swept_once_a_window_has_passed_and_live_ones_are_kept()
    {
        var clock = new StepClock();
        var windows = new UserOrderWindows(1, Minute, clock);
        for (var user = 0; user < 100; user++) windows.TryCount($"u{user}");
        clock.Advance(TimeSpan.FromSeconds(50));
        windows.TryCount("late").ShouldBeNull();
        windows.Count.ShouldBe(101);

        clock.Advance(TimeSpan.FromSeconds(15));
        windows.TryCount("trigger").ShouldBeNull();

        windows.Count.ShouldBe(2, "only the windows of 'late' and 'trigger' have not ended");
        windows.TryCount("late").ShouldNotBeNull("a kept window still holds its count");
    }

    [Fact]
    public async Task concurrent_orders_of_one_user_never_exceed_the_limit_even_while_windows_are_swept()
    {
        var clock = new StepClock();
        var windows = new UserOrderWindows(50, Minute, clock);
        for (var round = 0; round < 20; round++)
        {
            // Every round is a new window; the sweep that one of the counting threads runs removes the ended ones.
            clock.Advance(Minute);
            using var start = new Barrier(4);
            var counted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                var accepted = 0;
                for (var i = 0; i < 100; i++)
                {
                    if (windows.TryCount("alice") is null) accepted++;
                    windows.TryCount($"other-{i}");
                }
                return accepted;
            })));
            counted.Sum().ShouldBe(50, $"round {round}");
        }
    }

    [Fact]
    public void a_window_swept_between_its_lookup_and_the_count_is_not_counted_in_so_the_next_order_still_finds_the_limit_reached()
    {
        var clock = new StepClock();
        var swept = false;
        UserOrderWindows windows = null!;
        windows = new UserOrderWindows(1, Minute, clock)
        {
            // Once: after alice's lookup found her ended window, another request finds the sweep due and removes it.
            AfterLookup = () =>
            {
                if (swept || clock.GetTimestamp() != TimeSpan.FromSeconds(100).Ticks + Start) return;
                swept = true;
                clock.Advance(TimeSpan.FromSeconds(25));
                windows.TryCount("bob").ShouldBeNull();
            },
        };
        clock.Advance(TimeSpan.FromSeconds(30));
        windows.TryCount("alice").ShouldBeNull();
        clock.Advance(TimeSpan.FromSeconds(30));
        windows.TryCount("trigger").ShouldBeNull(); // the first sweep (at 60 s): the next is due at 120 s
        clock.Advance(TimeSpan.FromSeconds(40));

        // At 100 s alice's window (from 30 s) has ended and the sweep is not due for her; for bob, at 125 s, it is.
        windows.TryCount("alice").ShouldBeNull();
        swept.ShouldBeTrue();
        windows.Count.ShouldBe(2, "bob's and alice's new one: the sweep removed her ended window and trigger's");

        // 125 s: alice's order at 100 s counts in a window that is hers until 160 s.
        windows.TryCount("alice").ShouldBe(TimeSpan.FromSeconds(35), "the order at 100 s was counted in alice's window that is still hers");
    }

    private static readonly long Start = TimeSpan.TicksPerDay;

    /// <summary>Timestamps that move only when the test says so.</summary>
    private sealed class StepClock : TimeProvider
    {
        private long _ticks = Start;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}

using FlashSale.Application.CommandPath.Resilience;
using FlashSale.EventStore;
using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Tests.Resilience;

/// <summary>The runbook's breaker: 5 consecutive failures open, 2 successes in half-open close, 30 s doubling to 300 s.</summary>
public sealed class EventStoreCircuitTests
{
    private static readonly Exception Outage = new EventStoreUnavailableException("Node down.");
    private readonly ManualClock _clock = new();
    private readonly List<BreakerState> _transitions = [];
    private readonly EventStoreCircuit _circuit;

    public EventStoreCircuitTests()
    {
        _circuit = new EventStoreCircuit(Options.Create(new CircuitBreakerOptions()), _clock, NullLogger<EventStoreCircuit>.Instance);
        _circuit.StateChanged += _transitions.Add;
    }

    [Fact]
    public void five_consecutive_failures_open_the_circuit_and_calls_are_refused_with_the_time_left()
    {
        Fail(4);
        _circuit.State.ShouldBe(BreakerState.Closed);
        Fail(1);

        _circuit.State.ShouldBe(BreakerState.Open);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Should.Throw<CircuitOpenException>(_circuit.ThrowIfOpen).RetryAfter.ShouldBe(TimeSpan.FromSeconds(20));
        _transitions.ShouldBe([BreakerState.Open]);
    }

    [Fact]
    public void a_half_open_announced_while_other_calls_close_the_circuit_is_announced_before_the_close()
    {
        // The half-opening call is held at its log line while two other calls succeed: they must not announce Closed first.
        var transitions = new System.Collections.Concurrent.ConcurrentQueue<BreakerState>();
        EventStoreCircuit circuit = null!;
        var held = 0;
        var logger = new OnLog(LogEvents.BreakerHalfOpen, () =>
        {
            held++;
            Task.Run(() =>
            {
                circuit.Succeeded();
                circuit.Succeeded();
            }).Wait(TimeSpan.FromMilliseconds(300));
        });
        circuit = new EventStoreCircuit(Options.Create(new CircuitBreakerOptions()), _clock, logger);
        circuit.StateChanged += transitions.Enqueue;
        for (var i = 0; i < 5; i++) circuit.Failed(Outage);
        _clock.Advance(TimeSpan.FromSeconds(30));

        circuit.ThrowIfOpen();

        SpinWait.SpinUntil(() => transitions.Count == 3, TimeSpan.FromSeconds(10));
        held.ShouldBe(1);
        transitions.ShouldBe([BreakerState.Open, BreakerState.HalfOpen, BreakerState.Closed]);
        circuit.State.ShouldBe(BreakerState.Closed);
    }

    [Fact]
    public void a_success_between_failures_starts_the_count_again()
    {
        Fail(4);
        _circuit.Succeeded();
        Fail(4);

        _circuit.State.ShouldBe(BreakerState.Closed);
    }

    [Fact]
    public void after_the_break_two_successes_close_it_and_one_is_not_enough()
    {
        Fail(5);
        _clock.Advance(TimeSpan.FromSeconds(30));

        _circuit.ThrowIfOpen();
        _circuit.Succeeded();
        _circuit.State.ShouldBe(BreakerState.HalfOpen);
        _circuit.Succeeded();

        _circuit.State.ShouldBe(BreakerState.Closed);
        _transitions.ShouldBe([BreakerState.Open, BreakerState.HalfOpen, BreakerState.Closed]);
    }

    [Fact]
    public void a_failure_in_half_open_reopens_at_once_for_twice_as_long_up_to_five_minutes()
    {
        var breaks = new List<TimeSpan>();
        Fail(5);
        for (var opening = 0; opening < 6; opening++)
        {
            breaks.Add(Should.Throw<CircuitOpenException>(_circuit.ThrowIfOpen).RetryAfter);
            _clock.Advance(breaks[^1]);
            _circuit.ThrowIfOpen();
            Fail(1);
        }

        breaks.Select(b => b.TotalSeconds).ShouldBe([30, 60, 120, 240, 300, 300]);
    }

    [Fact]
    public void closing_resets_the_break_to_its_first_length()
    {
        Fail(5);
        _clock.Advance(TimeSpan.FromSeconds(30));
        _circuit.ThrowIfOpen();
        Fail(1);
        _clock.Advance(TimeSpan.FromSeconds(60));
        _circuit.ThrowIfOpen();
        _circuit.Succeeded();
        _circuit.Succeeded();

        Fail(5);

        Should.Throw<CircuitOpenException>(_circuit.ThrowIfOpen).RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void every_threshold_is_configurable()
    {
        var circuit = new EventStoreCircuit(Options.Create(new CircuitBreakerOptions
        {
            FailuresToOpen = 2, SuccessesToClose = 1, BreakSeconds = 1, MaxBreakSeconds = 1,
        }), _clock, NullLogger<EventStoreCircuit>.Instance);

        circuit.Failed(Outage);
        circuit.Failed(Outage);
        Should.Throw<CircuitOpenException>(circuit.ThrowIfOpen).RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        circuit.ThrowIfOpen();
        circuit.Succeeded();

        circuit.State.ShouldBe(BreakerState.Closed);
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++) _circuit.Failed(Outage);
    }
}

/// <summary>A logger that runs <paramref name="action"/> when a line of <paramref name="eventName"/> is written.</summary>
file sealed class OnLog(string eventName, Action action) : ILogger<EventStoreCircuit>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name == eventName) action();
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Application.CommandPath.Resilience;

/// <summary>
/// The breaker's state machine: <see cref="CircuitBreakerOptions.FailuresToOpen"/> consecutive failures open it, the
/// break doubles with every reopening up to the maximum, and <see cref="CircuitBreakerOptions.SuccessesToClose"/>
/// successes in a row after the break close it. Written here rather than with Polly's breaker, which opens on a
/// failure ratio over a sampling window and closes on the first successful probe: neither is the runbook's rule.
/// Transitions are logged and announced under the lock, so listeners (the breaker gauge) see them in the order they
/// happened: a half-open announced late would leave the gauge half-open on a closed circuit.
/// </summary>
public sealed class EventStoreCircuit(IOptions<CircuitBreakerOptions> options, TimeProvider clock, ILogger<EventStoreCircuit> logger)
    : ICircuitState
{
    private readonly CircuitBreakerOptions _options = options.Value;
    private readonly Lock _gate = new();
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private int _successes;
    private int _openings;
    private DateTimeOffset _openUntil;

    public event Action<BreakerState>? StateChanged;

    public BreakerState State
    {
        get
        {
            lock (_gate) return _state == BreakerState.Open && clock.GetUtcNow() >= _openUntil ? BreakerState.HalfOpen : _state;
        }
    }

    /// <summary>Throws <see cref="CircuitOpenException"/> while the break lasts; the first call after it is a trial.</summary>
    public void ThrowIfOpen()
    {
        if (!_options.Enabled) return;
        TimeSpan left;
        lock (_gate)
        {
            if (_state != BreakerState.Open) return;
            left = _openUntil - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                _state = BreakerState.HalfOpen;
                _successes = 0;
                logger.BreakerHalfOpen();
                StateChanged?.Invoke(BreakerState.HalfOpen);
            }
        }
        if (left > TimeSpan.Zero) throw new CircuitOpenException(left);
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _failures = 0;
            if (_state != BreakerState.HalfOpen || ++_successes < _options.SuccessesToClose) return;
            _state = BreakerState.Closed;
            _openings = 0;
            logger.BreakerClosed(_options.SuccessesToClose);
            StateChanged?.Invoke(BreakerState.Closed);
        }
    }

    public void Failed(Exception failure)
    {
        lock (_gate)
        {
            if (!_options.Enabled || _state == BreakerState.Open) return;
            if (_state == BreakerState.Closed && ++_failures < _options.FailuresToOpen) return;
            _openings++;
            var breakFor = TimeSpan.FromSeconds(Math.Min(_options.BreakSeconds * Math.Pow(2, _openings - 1), _options.MaxBreakSeconds));
            _openUntil = clock.GetUtcNow() + breakFor;
            _state = BreakerState.Open;
            _failures = 0;
            logger.BreakerOpened(failure, (long)breakFor.TotalMilliseconds, _openings);
            StateChanged?.Invoke(BreakerState.Open);
        }
    }
}

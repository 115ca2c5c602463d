using FlashSale.EventStore;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Handling;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Logging;

namespace FlashSale.Subscriptions.Following;

/// <summary>
/// Follows the log from a checkpoint: one subscription (catch-up, then live), each event decoded once, batches of
/// what has arrived handed to one handler, the checkpoint stored after each batch. A drop or a failure resubscribes
/// from the stored checkpoint after a backoff, so every event reaches the handler once, in order, across drops. Followers
/// of one store instance share the decode of an event the store handed to each of them (<see cref="SharedDecodes"/>).
/// </summary>
public sealed partial class LogFollower
{
    private readonly IEventStore _events;
    private readonly ICheckpointStore _checkpoints;
    private readonly ILogHandler _handler;
    private readonly FollowerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SharedDecodes _decodes;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _retryDelay;

    public LogFollower(string name, IEventStore events, ICheckpointStore checkpoints, ILogHandler handler, FollowerOptions options,
        TimeProvider clock, ILogger logger, LogFollowers? registry = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Buffer, 1);
        Name = name;
        _events = events;
        _decodes = SharedDecodes.For(events);
        _checkpoints = checkpoints;
        _handler = handler;
        _options = options;
        _clock = clock;
        _logger = logger;
        _retryDelay = options.RetryDelay;
        _progress = new Progress(FollowerState.Starting, null, null, 0, null, clock.GetUtcNow());
        registry?.Add(this);
    }

    public string Name { get; }

    /// <summary>Completes once the handler has been told it caught up; faults with the failure that ended the run
    /// before that (<see cref="FollowerOptions.FailUntilCaughtUp"/>); cancelled when the run stops before.</summary>
    public Task CaughtUp => _caughtUp.Task;

    /// <summary>Follows the log until <paramref name="stoppingToken"/> is cancelled, then returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (_options.ResubscribeAtOnce?.Invoke(ex) == true)
            {
                _logger.FollowerResubscribing(Name, ex.Message);
                _retryDelay = _options.RetryDelay;
            }
            catch (Exception ex) when (_options.FailUntilCaughtUp && !_caughtUp.Task.IsCompleted)
            {
                _logger.FollowerFailed(ex, Name);
                Enter(FollowerState.Faulted, ex.Message);
                _caughtUp.TrySetException(ex);
                throw;
            }
            catch (Exception ex)
            {
                _logger.FollowerDropped(_options.FailureLogLevel, ex, Name, _progress.Position?.ToToken() ?? "start", _retryDelay);
                Enter(FollowerState.Faulted, ex.Message);
                await TellAsync(() => _handler.FaultedAsync(ex));
                await WaitAsync(_retryDelay, stoppingToken);
                _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, Math.Max(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks)));
            }
        }
        Enter(FollowerState.Stopped, null);
        _caughtUp.TrySetCanceled(stoppingToken);
        await TellAsync(_handler.StoppedAsync);
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _clock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TellAsync(Func<ValueTask> notify)
    {
        try
        {
            await notify();
        }
        catch (Exception ex)
        {
            _logger.FollowerHandlerFailed(ex, Name);
        }
    }
}

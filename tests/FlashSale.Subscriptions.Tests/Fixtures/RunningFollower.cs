using FlashSale.EventStore;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Subscriptions.Tests.Fixtures;

/// <summary>A <see cref="LogFollower"/> running in the background until disposed (a cancellation, as a shutdown).</summary>
public sealed class RunningFollower : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public RunningFollower(IEventStore events, RecordingHandler handler, FollowerOptions? options = null, TimeProvider? clock = null,
        LogFollowers? registry = null, string name = "test", ICheckpointStore? checkpoint = null)
    {
        Handler = handler;
        Checkpoint = checkpoint ?? new InMemoryCheckpoint();
        Follower = new LogFollower(name, events, Checkpoint, handler, options ?? new FollowerOptions(), clock ?? TimeProvider.System,
            NullLogger.Instance, registry);
        Running = Task.Run(() => Follower.RunAsync(_stopping.Token));
    }

    public LogFollower Follower { get; }

    public RecordingHandler Handler { get; }

    public ICheckpointStore Checkpoint { get; }

    public Task Running { get; }

    public FollowerStatus Status => Follower.Status;

    public Task UntilHandledAsync(int events) =>
        Eventually.HoldsAsync(() => Handler.Events.Count >= events, $"{events} events are handled");

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await Running.WaitAsync(Eventually.Bound);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Running.WaitAsync(Eventually.Bound);
        }
        catch (Exception) when (Running.IsFaulted)
        {
            // The test looked at the failure itself.
        }
        _stopping.Dispose();
    }
}

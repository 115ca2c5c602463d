using System.Collections.Concurrent;
using FlashSale.EventStore;

namespace FlashSale.ReadModels.Running;

/// <summary>In-process news of projection checkpoints, so a read-your-writes wait wakes as soon as a batch commits
/// instead of polling the store.</summary>
public sealed class ProjectionProgress
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _moved = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunnerState> _states = new(StringComparer.Ordinal);

    public void Report(string projection, LogPosition? position)
    {
        if (_moved.TryRemove(projection, out var moved)) moved.TrySetResult();
        _states.AddOrUpdate(projection, _ => new RunnerState(Storage.ProjectionStates.Running, position, null),
            (_, s) => s with { Position = position });
    }

    public void SetState(string projection, string state, string? error) =>
        _states.AddOrUpdate(projection, _ => new RunnerState(state, null, error), (_, s) => s with { State = state, Error = error });

    /// <summary>What the runner in this process says, or null when no runner for it runs here.</summary>
    public RunnerState? StateOf(string projection) => _states.GetValueOrDefault(projection);

    /// <summary>Completes at the next checkpoint move of <paramref name="projection"/> in this process.</summary>
    public Task NextMove(string projection) =>
        _moved.GetOrAdd(projection, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public sealed record RunnerState(string State, LogPosition? Position, string? Error);
}

using System.Collections.Concurrent;
using FlashSale.Projections;

namespace FlashSale.ReadModels.Rebuilding;

/// <summary>Starts rebuilds in the background (one per projection at a time in this process) and remembers their
/// latest progress for status pages.</summary>
public sealed class RebuildCoordinator(ProjectionRebuilder rebuilder, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RebuildProgress> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <returns>False when a rebuild of <paramref name="projection"/> is already running here.</returns>
    public bool TryStart(IProjection projection, CancellationToken stopping, out Task<RebuildProgress> rebuild)
    {
        var started = new TaskCompletionSource<Task<RebuildProgress>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running.TryAdd(projection.Name, started.Task.Unwrap()))
        {
            rebuild = Task.FromException<RebuildProgress>(new InvalidOperationException($"A rebuild of '{projection.Name}' is already running."));
            return false;
        }
        _latest[projection.Name] = RebuildProgress.Estimate(projection.Name, RebuildPhases.Replaying, 0, null, null, clock.GetUtcNow(), TimeSpan.Zero);
        rebuild = Task.Run(async () =>
        {
            try
            {
                return await rebuilder.RebuildAsync(projection, p => _latest[projection.Name] = p, stopping);
            }
            catch (Exception ex)
            {
                _latest[projection.Name] = _latest[projection.Name] with { Phase = RebuildPhases.Failed, Error = ex.Message };
                throw;
            }
            finally
            {
                _running.TryRemove(projection.Name, out _);
            }
        }, CancellationToken.None);
        started.SetResult(rebuild);
        return true;
    }

    public bool IsRunning(string projection) => _running.ContainsKey(projection);

    public RebuildProgress? LatestOf(string projection) => _latest.GetValueOrDefault(projection);
}

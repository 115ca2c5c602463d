using System.Collections.Concurrent;
using FlashSale.Projections;

namespace FlashSale.ReadModels.Rebuilding;

/// <summary>Starts rebuilds in the background (one per projection at a time: in this process, and through the rebuild
/// claim across every process on the read store) and remembers their latest progress for status pages.</summary>
public sealed class RebuildCoordinator(ProjectionRebuilder rebuilder, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RebuildProgress> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <returns>The running rebuild, or why it was not started (a rebuild of it is running here or in another process).</returns>
    public async Task<RebuildStart> StartAsync(IProjection projection, CancellationToken stopping)
    {
        var started = new TaskCompletionSource<Task<RebuildProgress>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_running.TryAdd(projection.Name, started.Task.Unwrap())) return new RebuildStart(null, RebuildRefusal.InThisProcess(projection.Name));
        RebuildClaimAttempt attempt;
        try
        {
            attempt = await rebuilder.Claims.TryClaimAsync(projection.Name, stopping);
        }
        catch (Exception)
        {
            NotStarted();
            throw;
        }
        if (attempt.Refusal is { } refusal)
        {
            NotStarted();
            return new RebuildStart(null, refusal);
        }
        _latest[projection.Name] = RebuildProgress.Starting(projection.Name, clock.GetUtcNow());
        var rebuild = Task.Run(async () =>
        {
            await using var claim = attempt.Claim!;
            try
            {
                return await rebuilder.RebuildAsync(projection, claim, p => _latest[projection.Name] = p, stopping);
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
        return new RebuildStart(rebuild, null);

        void NotStarted()
        {
            _running.TryRemove(projection.Name, out _);
            started.SetResult(Task.FromCanceled<RebuildProgress>(new CancellationToken(canceled: true)));
        }
    }

    public bool IsRunning(string projection) => _running.ContainsKey(projection);

    public RebuildProgress? LatestOf(string projection) => _latest.GetValueOrDefault(projection);
}

/// <summary>A rebuild that started (<see cref="Rebuild"/>) or why not (<see cref="Refusal"/>).</summary>
public sealed record RebuildStart(Task<RebuildProgress>? Rebuild, RebuildRefusal? Refusal);

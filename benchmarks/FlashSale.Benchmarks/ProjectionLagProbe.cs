using System.Diagnostics;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Benchmarks;

/// <summary>Runs the three live projections next to the write load and samples how far behind the log they are.</summary>
internal sealed class ProjectionLagProbe : IAsyncDisposable
{
    private readonly IEventStore _events;
    private readonly SqliteReadModelStore _store;
    private readonly IReadOnlyList<IProjection> _projections = AllProjections.Create();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<long> _lagSamples = [];
    private Task _runners = Task.CompletedTask;
    private Task _sampler = Task.CompletedTask;

    private ProjectionLagProbe(IEventStore events, SqliteReadModelStore store)
    {
        _events = events;
        _store = store;
    }

    public static async Task<ProjectionLagProbe> StartAsync(IEventStore events, string readModelsPath, int batchSize)
    {
        var probe = new ProjectionLagProbe(events, SqliteReadModelStore.Open(readModelsPath));
        await probe._store.InitializeAsync(probe._projections);
        var progress = new ProjectionProgress();
        var options = new ReadModelOptions { BatchSize = batchSize };
        var runner = new ProjectionRunner(probe._projections, events, probe._store, progress, options, TimeProvider.System, NullLogger.Instance);
        probe._runners = Task.Run(() => runner.RunAsync(probe._stop.Token));
        return probe;
    }

    /// <summary>Samples the lag (events in the log the slowest projection has not applied) every 100 ms until stopped.</summary>
    public void StartSampling(CancellationToken until) => _sampler = Task.Run(async () =>
    {
        while (!until.IsCancellationRequested)
        {
            _lagSamples.Add(await LagAsync());
            await Task.Delay(100, CancellationToken.None);
        }
    }, CancellationToken.None);

    /// <summary>After the load stops: how long until every projection has applied the whole log.</summary>
    public async Task<(long P50, long P99, long Max, TimeSpan CatchUp)> FinishAsync()
    {
        await _sampler;
        var watch = Stopwatch.StartNew();
        while (await LagAsync() > 0 && watch.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(10);
        var catchUp = watch.Elapsed;
        var sorted = _lagSamples.Order().ToArray();
        return sorted.Length == 0 ? (0, 0, 0, catchUp)
            : (sorted[sorted.Length / 2], sorted[(int)Math.Min(sorted.Length - 1, sorted.Length * 0.99)], sorted[^1], catchUp);
    }

    private async Task<long> LagAsync()
    {
        var head = (await _events.ReadHeadPositionAsync())?.Commit ?? 0;
        var checkpoints = await _store.ReadCheckpointsAsync();
        var slowest = checkpoints.Where(c => c.Slot == ReadModelSlot.Live).Select(c => c.Position?.Commit ?? 0).DefaultIfEmpty(0UL).Min();
        return (long)(head - Math.Min(head, slowest));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _runners;
        await _store.DisposeAsync();
        _stop.Dispose();
    }
}

using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>One <see cref="ProjectionRunner"/> for the projections in the background, as the host runs them; disposing
/// stops them the way a shutdown does.</summary>
public sealed class RunningProjections : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;

    public RunningProjections(IEnumerable<IProjection> projections, IEventStore events, IReadModelStore store, int batchSize)
    {
        var options = new ReadModelOptions { BatchSize = batchSize };
        var progress = new ProjectionProgress();
        var runner = new ProjectionRunner([.. projections], events, store, progress, options, TimeProvider.System, NullLogger.Instance);
        _running = Task.Run(() => runner.RunAsync(_stopping.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(30));
        _stopping.Dispose();
    }
}

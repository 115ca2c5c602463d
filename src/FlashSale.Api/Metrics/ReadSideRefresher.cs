using FlashSale.Api.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Metrics;

/// <summary>Refreshes <see cref="ReadSideMetrics"/> every <see cref="MetricsOptions.RefreshSeconds"/>, off the scrape and
/// off the order path. A slow or failing store keeps the last values; the log says why.</summary>
public sealed class ReadSideRefresher(IOptions<MetricsOptions> options, IHostApplicationLifetime lifetime, ILogger<ReadSideRefresher> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    internal void Start(ReadSideMetrics metrics) =>
        // After start-up: the read store is initialised by then, and a refresh never delays the host's start.
        lifetime.ApplicationStarted.Register(() => _loop = RunAsync(metrics));

    private async Task RunAsync(ReadSideMetrics metrics)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds));
        do await RefreshOnceAsync(metrics, _stopping.Token);
        while (await WaitAsync(timer));
    }

    internal async Task RefreshOnceAsync(ReadSideMetrics metrics, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            await metrics.RefreshAsync(budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.MetricsRefreshFailed(ex, "read-side", Budget);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}

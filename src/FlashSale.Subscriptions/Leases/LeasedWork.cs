using Microsoft.Extensions.Logging;

namespace FlashSale.Subscriptions.Leases;

/// <summary>Work that runs in one process at a time: while this process holds the role's lease.</summary>
public static class LeasedWork
{
    private static readonly TimeSpan ReleaseBudget = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Renews (or waits for) the lease every <paramref name="renewEvery"/>; starts <paramref name="work"/> when the lease is
    /// taken, cancels it and waits for it the moment a renewal fails (standby again), starts it anew when the lease comes
    /// back, and gives the lease up on a graceful stop so a standby takes over at once.
    /// </summary>
    public static async Task RunWhileHeldAsync(this IRoleLease lease, TimeSpan renewEvery, Func<CancellationToken, Task> work,
        TimeProvider clock, ILogger logger, CancellationToken stoppingToken)
    {
        CancellationTokenSource? acting = null;
        Task? running = null;
        try
        {
            while (true)
            {
                var held = await lease.TryHoldAsync(stoppingToken);
                if (running is { IsCompleted: true })
                {
                    // The work ended by itself (it failed): start it again on this round if the lease is still ours.
                    await StopAsync(acting, running, logger, lease);
                    (acting, running) = (null, null);
                }
                if (held && running is null)
                {
                    logger.LeasedWorkStarted(lease.Holder, lease.Name);
                    acting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var token = acting.Token;
                    running = Task.Run(() => work(token), CancellationToken.None);
                }
                else if (!held && running is not null)
                {
                    logger.LeaseLost(lease.Holder, lease.Name);
                    await StopAsync(acting, running, logger, lease);
                    (acting, running) = (null, null);
                }
                await Task.Delay(renewEvery, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (running is not null) await StopAsync(acting, running, logger, lease);
            await ReleaseAsync(lease, logger);
        }
    }

    private static async Task StopAsync(CancellationTokenSource? acting, Task running, ILogger logger, IRoleLease lease)
    {
        if (acting is not null) await acting.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Cancelled as asked.
        }
        catch (Exception ex)
        {
            logger.LeasedWorkFailed(ex, lease.Name, lease.Holder);
        }
        acting?.Dispose();
    }

    private static async Task ReleaseAsync(IRoleLease lease, ILogger logger)
    {
        using var budget = new CancellationTokenSource(ReleaseBudget);
        try
        {
            await lease.ReleaseAsync(budget.Token);
        }
        catch (Exception ex)
        {
            logger.LeaseReleaseFailed(ex, lease.Name, lease.Holder);
        }
    }
}

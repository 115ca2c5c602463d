using FlashSale.Payments.Lease;
using FlashSale.Projections.DeadLetters;
using FlashSale.ReadModels.Queries;
using Prometheus;
using FlashSale.Api.Logging;

namespace FlashSale.Api.Metrics;

/// <summary>
/// Refunds to make (late or second payments, from the dead-letter read model, so every process reports the same count)
/// and whether this process holds the payments lease. Refreshed when Prometheus scrapes.
/// </summary>
public sealed class PaymentsMetrics
{
    private static readonly TimeSpan ScrapeBudget = TimeSpan.FromSeconds(3);
    private const int Page = 5_000;
    private const int RowLimit = 1_000_000;

    private readonly Gauge _refunds, _leaseHeld;
    private readonly ReadModelQueries _queries;
    private readonly ProcessorLease _lease;
    private readonly ILogger<PaymentsMetrics> _logger;

    public PaymentsMetrics(CollectorRegistry registry, ReadModelQueries queries, ProcessorLease lease, ILogger<PaymentsMetrics> logger)
    {
        (_queries, _lease, _logger) = (queries, lease, logger);
        var metrics = MetricFactories.WithoutExemplars(registry);
        _refunds = metrics.CreateGauge("flashsale_payments_refunds_required",
            "Payments recorded as refunds to make (RefundRequired: late for a released reservation, or a second payment) that an operator has not handled.");
        _leaseHeld = metrics.CreateGauge("flashsale_payments_lease_held", "1 while this process holds the payments lease (the active processor).");
        registry.AddBeforeCollectCallback(RefreshAsync);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        _leaseHeld.Set(_lease.IsHeld ? 1 : 0);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ScrapeBudget);
        try
        {
            long refunds = 0;
            for (var offset = 0; offset < RowLimit; offset += Page)
            {
                var rows = await _queries.DeadLettersAsync(DeadLetterStates.RefundRequired, null, Page, offset, budget.Token);
                refunds += rows.Sum(r => r.Refunds);
                if (rows.Count < Page) break;
            }
            _refunds.Set(refunds);
        }
        catch (Exception ex)
        {
            // A slow or failing store must not fail the scrape: the gauge keeps its last value and the log says why.
            _logger.MetricsRefreshFailed(ex, "payments", ScrapeBudget);
        }
    }
}

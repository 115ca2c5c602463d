using FlashSale.Projections.DeadLetters;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Storage;
using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>
/// Projection, poison-event and dead-letter gauges, refreshed when Prometheus scrapes (never on the order path). The registry is
/// this host's own, so several hosts in one process (tests) never share or overwrite each other's values.
/// </summary>
public sealed class ReadSideMetrics
{
    private static readonly TimeSpan ScrapeBudget = TimeSpan.FromSeconds(3);
    private const int CountPage = 5_000;
    private const int CountLimit = 1_000_000;

    private readonly Gauge _checkpoint, _lagEvents, _lagSeconds, _poison, _poisonDeprecated, _state, _rebuildRate, _dlqSize, _dlqOldest;
    private readonly ProjectionStatusQuery _status;
    private readonly ReadModelQueries _queries;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReadSideMetrics> _logger;

    public ReadSideMetrics(CollectorRegistry registry, ProjectionStatusQuery status, ReadModelQueries queries, TimeProvider clock,
        ILogger<ReadSideMetrics> logger)
    {
        (_status, _queries, _clock, _logger) = (status, queries, clock, logger);
        var metrics = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] projection = ["projection"];
        _checkpoint = metrics.CreateGauge("flashsale_projection_checkpoint_position", "Log position (commit) the projection has applied up to.", projection);
        _lagEvents = metrics.CreateGauge("flashsale_projection_lag_events", "Events in the log the projection has not applied yet (capped).", projection);
        _lagSeconds = metrics.CreateGauge("flashsale_projection_lag_seconds", "Age of the oldest event the projection has not applied.", projection);
        _poison = metrics.CreateGauge("flashsale_projection_poison_events", "Poison events the projection recorded and skipped.", projection);
        // Dashboards and alerts still query the old name: exported alongside for one release, then removed.
        _poisonDeprecated = metrics.CreateGauge("flashsale_projection_dead_letters",
            "Deprecated: use flashsale_projection_poison_events (same value); removed in the next release.", projection);
        _state = metrics.CreateGauge("flashsale_projection_state", "1 for the projection's current state, 0 for the others.", ["projection", "state"]);
        _rebuildRate = metrics.CreateGauge("flashsale_projection_rebuild_events_per_second", "Replay rate of the latest rebuild (0 when none runs).", projection);
        _dlqSize = metrics.CreateGauge("flashsale_dlq_size", "Open dead letters (orders waiting for an operator).");
        _dlqOldest = metrics.CreateGauge("flashsale_dlq_oldest_age_seconds", "Age of the oldest open dead letter (0 when none).");
        registry.AddBeforeCollectCallback(RefreshAsync);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(ScrapeBudget);
        try
        {
            foreach (var s in await _status.GetAllAsync(budget.Token))
            {
                _checkpoint.WithLabels(s.Name).Set(s.Checkpoint?.Commit ?? 0);
                _lagEvents.WithLabels(s.Name).Set(s.LagEvents);
                _lagSeconds.WithLabels(s.Name).Set(s.LagSeconds);
                _poison.WithLabels(s.Name).Set(s.PoisonEvents);
                _poisonDeprecated.WithLabels(s.Name).Set(s.PoisonEvents);
                foreach (var state in States) _state.WithLabels(s.Name, state).Set(state == s.State ? 1 : 0);
                _rebuildRate.WithLabels(s.Name).Set(s.Rebuild is { Phase: not (RebuildPhases.Done or RebuildPhases.Failed) } r ? r.EventsPerSecond : 0);
            }
            var oldest = await _queries.DeadLettersAsync(DeadLetterStates.Open, null, 1, 0, budget.Token);
            _dlqOldest.Set(oldest is [var first] ? Math.Max(0, (_clock.GetUtcNow() - first.FirstFailedAt).TotalSeconds) : 0);
            _dlqSize.Set(await CountOpenAsync(budget.Token));
        }
        catch (Exception ex)
        {
            // A slow or failing store must not fail the scrape: the gauges keep their last values and the log says why.
            _logger.LogWarning(ex, "Could not refresh read-side metrics within {Budget}", ScrapeBudget);
        }
    }

    private async Task<long> CountOpenAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        while (count < CountLimit)
        {
            var page = await _queries.DeadLettersAsync(DeadLetterStates.Open, null, CountPage, (int)count, cancellationToken);
            count += page.Count;
            if (page.Count < CountPage) break;
        }
        return count;
    }

    private static readonly string[] States =
        [ProjectionStates.Running, ProjectionStates.Rebuilding, ProjectionStates.Faulted, ProjectionStates.Stopped];
}

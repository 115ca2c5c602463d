using FlashSale.Projections.DeadLetters;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Options;
using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>What the read side looked like at the last refresh: readiness and the gauges serve this, never the stores.</summary>
public sealed record ReadSideSnapshot(IReadOnlyList<ProjectionStatus> Projections, long OpenDeadLetters, double OldestDeadLetterSeconds,
    DateTimeOffset TakenAt);

/// <summary>
/// Projection, poison-event and dead-letter gauges. They need store reads (lag counts the log, the queue size is a COUNT),
/// so <see cref="ReadSideRefresher"/> refreshes them on a timer and a scrape serves the snapshot. The registry is this
/// host's own, so several hosts in one process (tests) never share or overwrite each other's values.
/// </summary>
public sealed class ReadSideMetrics
{
    private readonly Gauge _checkpoint, _lagEvents, _lagSeconds, _poison, _poisonDeprecated, _state, _rebuildRate, _dlqSize, _dlqOldest,
        _dlqOldestDeprecated;
    private readonly ProjectionStatusQuery _status;
    private readonly ReadModelQueries _queries;
    private readonly InventoryLevels _inventory;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public ReadSideMetrics(CollectorRegistry registry, ProjectionStatusQuery status, ReadModelQueries queries, InventoryLevels inventory,
        TimeProvider clock, IOptions<MetricsOptions> options, ReadSideRefresher refresher)
    {
        (_status, _queries, _inventory, _clock) = (status, queries, inventory, clock);
        var metrics = MetricFactories.WithoutExemplars(registry);
        string[] projection = ["projection"];
        _checkpoint = metrics.CreateGauge("flashsale_projection_checkpoint_position", "Log position (commit) the projection has applied up to.", projection);
        _lagEvents = metrics.CreateGauge("flashsale_projection_lag_events", "Events in the log the projection has not applied yet (capped).", projection);
        _lagSeconds = metrics.CreateGauge("flashsale_projection_lag_seconds", "Age of the oldest event the projection has not applied.", projection);
        _poison = metrics.CreateGauge("flashsale_projection_poison_events", "Poison events the projection recorded and skipped.", projection);
        // Dashboards and alerts still query the old names: exported alongside for one release, then removed.
        _poisonDeprecated = metrics.CreateGauge("flashsale_projection_dead_letters",
            "Deprecated: use flashsale_projection_poison_events (same value); removed in the next release.", projection);
        _state = metrics.CreateGauge("flashsale_projection_state", "1 for the projection's current state, 0 for the others.", ["projection", "state"]);
        _rebuildRate = metrics.CreateGauge("flashsale_projection_rebuild_events_per_second", "Replay rate of the latest rebuild (0 when none runs).", projection);
        _dlqSize = metrics.CreateGauge("flashsale_dlq_size", "Open dead letters (orders waiting for an operator).");
        _dlqOldest = metrics.CreateGauge("flashsale_dlq_oldest_message_age_seconds", "Age of the oldest open dead letter (0 when none).");
        _dlqOldestDeprecated = metrics.CreateGauge("flashsale_dlq_oldest_age_seconds",
            "Deprecated: use flashsale_dlq_oldest_message_age_seconds (same value); removed in the next release.");
        if (options.Value.RefreshSeconds == 0) registry.AddBeforeCollectCallback(ct => refresher.RefreshOnceAsync(this, ct));
        else refresher.Start(this);
    }

    public ReadSideSnapshot? Latest { get; private set; }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshSerializedAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshSerializedAsync(CancellationToken cancellationToken)
    {
        var projections = await _status.GetAllAsync(cancellationToken);
        foreach (var s in projections)
        {
            _checkpoint.WithLabels(s.Name).Set(s.Checkpoint?.Commit ?? 0);
            _lagEvents.WithLabels(s.Name).Set(s.LagEvents);
            _lagSeconds.WithLabels(s.Name).Set(s.LagSeconds);
            _poison.WithLabels(s.Name).Set(s.PoisonEvents);
            _poisonDeprecated.WithLabels(s.Name).Set(s.PoisonEvents);
            foreach (var state in States) _state.WithLabels(s.Name, state).Set(state == s.State ? 1 : 0);
            _rebuildRate.WithLabels(s.Name).Set(s.Rebuild is { Phase: not (RebuildPhases.Done or RebuildPhases.Failed) } r ? r.EventsPerSecond : 0);
        }
        var oldest = await _queries.DeadLettersAsync(DeadLetterStates.Open, null, 1, 0, cancellationToken);
        var oldestSeconds = oldest is [var first] ? Math.Max(0, (_clock.GetUtcNow() - first.FirstFailedAt).TotalSeconds) : 0;
        var open = await _queries.CountDeadLettersAsync(DeadLetterStates.Open, cancellationToken);
        _dlqOldest.Set(oldestSeconds);
        _dlqOldestDeprecated.Set(oldestSeconds);
        _dlqSize.Set(open);
        await _inventory.RefreshAsync(cancellationToken);
        Latest = new ReadSideSnapshot(projections, open, oldestSeconds, _clock.GetUtcNow());
    }

    private static readonly string[] States =
        [ProjectionStates.Running, ProjectionStates.Rebuilding, ProjectionStates.Faulted, ProjectionStates.Stopped];
}

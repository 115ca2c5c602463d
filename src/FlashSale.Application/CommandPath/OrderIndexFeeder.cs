using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Handling;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// Loads the <see cref="OrderIndex"/> from its persisted projection (<see cref="IPersistedOrderIndex"/>, when there is one
/// and <see cref="RestartOptions.FromCheckpoints"/>) and the log after it, or from the whole log, in the background while
/// the host already listens: commands that need the index wait for it (<see cref="OrderIndex.ClaimAsync"/>) and readiness
/// says it is catching up. Then it follows the log live (orders placed by other processes).
/// </summary>
public sealed class OrderIndexFeeder : BackgroundService, ILogHandler
{
    public const string FollowerName = "order-index";

    private readonly OrderIndex _index;
    private readonly LogAnomalies _anomalies;
    private readonly ILogger<OrderIndexFeeder> _logger;
    private readonly LogFollower _follower;

    private readonly IPersistedOrderIndex? _persisted;
    private readonly IEventStore _store;
    private readonly RestartOptions _restart;

    public OrderIndexFeeder(IEventStore store, OrderIndex index, LogFollowers followers, TimeProvider clock, ILogger<OrderIndexFeeder> logger,
        LogAnomalies anomalies, IOptions<RestartOptions> restart, IPersistedOrderIndex? persisted = null)
    {
        _index = index;
        _anomalies = anomalies;
        _logger = logger;
        _restart = restart.Value;
        _store = store;
        _persisted = _restart.FromCheckpoints ? persisted : null;
        _follower = new LogFollower(FollowerName, store, new RestoredCheckpoint(RestoreAsync), this, new FollowerOptions
        {
            DecodeOnly = new HashSet<string>(StringComparer.Ordinal) { ItemEventTypes.NameOf<OrderPlaced>() },
            RetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            FailUntilCaughtUp = true,
        }, clock, logger, followers);
        index.CatchingUp(TimeSpan.FromSeconds(_restart.IndexWaitSeconds), () => CatchUpProgress.Of(_follower.Status));
    }

    private async Task<LogPosition?> RestoreAsync(CancellationToken cancellationToken)
    {
        if (_persisted is null) return null;
        PersistedOrders? persisted;
        try
        {
            persisted = await _persisted.LoadAsync(cancellationToken);
            if (persisted is not null)
                await CheckpointOnLog.EnsureFollowableAsync(_store, "order index", persisted.Position, persisted.At, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.OrderIndexNotRestored(ex);
            return null; // correct, only slower: the whole log
        }
        if (persisted is null) return null;
        foreach (var (orderId, itemId) in persisted.Orders) _index.Record(orderId, itemId);
        _logger.OrderIndexRestored(persisted.Orders.Count, persisted.Position.ToToken());
        return persisted.Position;
    }

    // On the thread pool from the first line: loading the persisted index reads SQLite synchronously, and the host must
    // listen meanwhile.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => _follower.RunAsync(stoppingToken), CancellationToken.None);

    ValueTask ILogHandler.HandleAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        foreach (var received in batch.Events)
        {
            if (received.Event is OrderPlaced placed) _index.Record(placed);
            // Reported once with its stream, revision and type; the item's writer refuses commands until it is skipped.
            else if (received.IsPoison) _anomalies.Unreadable(received.Recorded, received.Error!, FollowerName);
            else if (ItemEventTypes.TypeOf(received.Recorded.Type) is null) _anomalies.Unknown(received.Recorded, FollowerName);
        }
        return ValueTask.CompletedTask;
    }

    ValueTask ILogHandler.CaughtUpAsync(LogPosition? position, CancellationToken cancellationToken)
    {
        _logger.OrderIndexLoaded(_index.Count, position?.ToToken() ?? "start");
        _index.CaughtUp();
        return ValueTask.CompletedTask;
    }
}

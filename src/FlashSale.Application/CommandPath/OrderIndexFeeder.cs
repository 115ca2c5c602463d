using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Handling;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// Loads the <see cref="OrderIndex"/> from the whole log before the host starts serving (so a payment callback for
/// an old order finds its item), then follows the log live (orders placed by other processes).
/// </summary>
public sealed class OrderIndexFeeder : BackgroundService, ILogHandler
{
    public const string FollowerName = "order-index";

    private readonly OrderIndex _index;
    private readonly LogAnomalies _anomalies;
    private readonly ILogger<OrderIndexFeeder> _logger;
    private readonly LogFollower _follower;

    public OrderIndexFeeder(IEventStore store, OrderIndex index, LogFollowers followers, TimeProvider clock, ILogger<OrderIndexFeeder> logger,
        LogAnomalies anomalies)
    {
        _index = index;
        _anomalies = anomalies;
        _logger = logger;
        _follower = new LogFollower(FollowerName, store, new InMemoryCheckpoint(), this, new FollowerOptions
        {
            DecodeOnly = new HashSet<string>(StringComparer.Ordinal) { ItemEventTypes.NameOf<OrderPlaced>() },
            RetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            FailUntilCaughtUp = true,
        }, clock, logger, followers);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await _follower.CaughtUp.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _follower.RunAsync(stoppingToken);

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
        return ValueTask.CompletedTask;
    }
}

using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// Loads the <see cref="OrderIndex"/> from the whole log before the host starts serving, then follows the log live
/// (orders placed by other processes).
/// </summary>
public sealed class OrderIndexFeeder(IEventStore store, OrderIndex index, ILogger<OrderIndexFeeder> logger) : BackgroundService
{
    private LogPosition? _checkpoint;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await foreach (var recorded in store.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter, cancellationToken)) Apply(recorded);
        logger.LogInformation("Order index loaded: {Count} orders up to position {Position}", index.Count, _checkpoint?.ToToken() ?? "start");
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var recorded in store.SubscribeToAllAsync(_checkpoint, ItemStreams.Filter, stoppingToken)) Apply(recorded);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Order index subscription dropped; resuming from {Position}", _checkpoint?.ToToken() ?? "start");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Apply(RecordedEvent recorded)
    {
        _checkpoint = recorded.Position;
        if (recorded.Type == OrderPlacedType && ItemEventSerializer.Deserialize(recorded) is OrderPlaced placed)
            index.Record(placed);
    }

    private static readonly string OrderPlacedType = ItemEventTypes.NameOf<OrderPlaced>();
}

using FlashSale.Contracts;
using System.Threading.Channels;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments;

/// <summary>
/// Follows the log: charges every new reservation through the gateway (payment processor) and times out every
/// reservation whose payment window has passed (deadline sweeper). Everything it knows comes from the log, so a
/// restart picks up exactly where the log stands: no reservation is stranded by a crash.
/// </summary>
public sealed class PaymentsWorker(
    IEventStore store,
    IMediator mediator,
    IPaymentGateway gateway,
    PaymentsOptions options,
    PendingReservations pending,
    TimeProvider clock,
    ILogger<PaymentsWorker> logger) : BackgroundService
{
    private readonly Channel<Reservation> _toCharge = Channel.CreateUnbounded<Reservation>();
    private LogPosition? _checkpoint;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var recorded in store.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter, stoppingToken)) Apply(recorded, live: false);
        logger.LogInformation("Payments caught up: {Count} reservations awaiting payment", pending.Count);
        if (options.ProcessorEnabled)
            foreach (var reservation in pending.All) _toCharge.Writer.TryWrite(reservation);

        var workers = options.ProcessorEnabled
            ? Enumerable.Range(0, options.Concurrency).Select(_ => ChargeLoopAsync(stoppingToken)).ToList()
            : [];
        workers.Add(SweepLoopAsync(stoppingToken));
        workers.Add(FollowLogAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task FollowLogAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var recorded in store.SubscribeToAllAsync(_checkpoint, ItemStreams.Filter, stoppingToken)) Apply(recorded, live: true);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Payments subscription dropped; resuming after {Position}", _checkpoint?.ToToken() ?? "start");
                await Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Apply(RecordedEvent recorded, bool live)
    {
        _checkpoint = recorded.Position;
        if (ItemEventSerializer.Deserialize(recorded) is not { } @event) return;
        if (pending.Apply(@event) is { } opened && live && options.ProcessorEnabled) _toCharge.Writer.TryWrite(opened);
    }

    private async Task ChargeLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var reservation in _toCharge.Reader.ReadAllAsync(stoppingToken).WithCancellation(stoppingToken))
        {
            if (!pending.IsPending(reservation)) continue;
            try
            {
                await ChargeAsync(reservation, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Left pending: the sweeper releases it when its window closes.
                logger.LogError(ex, "Charging order {OrderId} failed", reservation.OrderId);
            }
        }
    }

    private async Task ChargeAsync(Reservation reservation, CancellationToken stoppingToken)
    {
        var context = CommandContext.System("payment-processor") with { CausationId = reservation.OrderId };
        var attempt = await gateway.ChargeAsync(
            new PaymentRequest(reservation.ItemId, reservation.OrderId, reservation.UserId, reservation.Quantity, reservation.Retry), stoppingToken);
        switch (attempt)
        {
            case PaymentAttempt.Confirmed confirmed:
                try
                {
                    await mediator.Send(new ConfirmPaymentRequest(reservation.OrderId, confirmed.PaymentReference, context, reservation.ItemId), stoppingToken);
                }
                catch (DomainException ex) when (ex.Code is DomainErrors.PaymentTimedOut or DomainErrors.OrderDiscarded)
                {
                    logger.LogWarning("Payment of order {OrderId} arrived after its window closed ({Code})", reservation.OrderId, ex.Code);
                }
                break;
            case PaymentAttempt.TimedOut:
                await mediator.Send(new TimeOutPaymentRequest(reservation.ItemId, reservation.OrderId, TimeoutCauses.GatewayTimeout, context,
                    reservation.Retry), stoppingToken);
                break;
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.SweepIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var due in pending.DueAt(clock.GetUtcNow()))
            {
                try
                {
                    var context = CommandContext.System("deadline-sweeper") with { CausationId = due.OrderId };
                    if (await mediator.Send(new TimeOutPaymentRequest(due.ItemId, due.OrderId, TimeoutCauses.DeadlinePassed, context, due.Retry),
                        stoppingToken))
                        logger.LogInformation("Reservation of order {OrderId} expired; stock released", due.OrderId);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Timing out order {OrderId} failed; will retry", due.OrderId);
                }
            }
            if (!await Delay(interval, stoppingToken)) return;
        }
    }

    private async Task<bool> Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

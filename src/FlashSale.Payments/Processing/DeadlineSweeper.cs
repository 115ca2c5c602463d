using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Logging;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments.Processing;

/// <summary>
/// Times out every reservation whose payment window has passed, so a crash of the processor never strands stock. A
/// reservation the log says a charge was started for is asked about first: a charge that went through is recorded as a
/// refund to make (the window has passed), never forgotten.
/// </summary>
public sealed class DeadlineSweeper(IMediator mediator, PendingReservations pending, PaymentSettlement settlement, TimeProvider clock,
    ILogger<DeadlineSweeper> logger)
{
    public const string Actor = "deadline-sweeper";

    public async Task SweepAsync(CancellationToken stoppingToken)
    {
        foreach (var due in pending.DueAt(clock.GetUtcNow()))
        {
            using var scope = logger.BeginScope(LogScope.ForOrder(due.CorrelationId, due.ItemId, due.OrderId));
            try
            {
                var context = SystemContext.For(Actor, due);
                if (due.ChargeStarted && await settlement.AskAsync(due.ToPaymentRequest(), stoppingToken) is PaymentStatus.Charged charged)
                {
                    await settlement.SettleAsync(due, charged, context, stoppingToken);
                    continue;
                }
                if (await mediator.Send(new TimeOutPaymentRequest(due.ItemId, due.OrderId, TimeoutCauses.DeadlinePassed, context, due.Retry),
                    stoppingToken))
                    logger.PaymentTimedOut(due.OrderId, due.ItemId, TimeoutCauses.DeadlinePassed);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.PaymentTimeoutFailed(ex, due.OrderId, due.ItemId);
            }
        }
    }
}

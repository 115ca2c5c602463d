using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Application.Payments;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments.Processing;

/// <summary>Turns what the gateway says about a reservation's charge into events: confirmed (the window allows), a refund
/// to make (it does not, or the order was paid otherwise), or released (nothing was charged).</summary>
public sealed class PaymentSettlement(IMediator mediator, IPaymentGateway gateway, PaymentsOptions options, ILogger<PaymentSettlement> logger)
{
    private readonly TimeSpan _gatewayTimeout = TimeSpan.FromSeconds(options.GatewayTimeoutSeconds);

    /// <returns>The charge's status, or null when the gateway cannot tell now (it failed or did not answer in time).</returns>
    public async Task<PaymentStatus?> AskAsync(PaymentRequest request, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_gatewayTimeout);
        try
        {
            return await gateway.QueryAsync(request, timeout.Token);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.PaymentStatusUnknown(request.IdempotencyKey, ex.Message);
            return null;
        }
    }

    /// <param name="timeoutCause">Why the reservation ends when nothing was charged.</param>
    public async Task SettleAsync(Reservation reservation, PaymentStatus status, CommandContext context, CancellationToken stoppingToken,
        string timeoutCause = TimeoutCauses.GatewayTimeout)
    {
        switch (status)
        {
            case PaymentStatus.Charged charged:
                await ConfirmAsync(reservation, charged.PaymentReference, context, stoppingToken);
                break;
            case PaymentStatus.NotCharged:
                if (await mediator.Send(new TimeOutPaymentRequest(reservation.ItemId, reservation.OrderId, timeoutCause, context, reservation.Retry),
                        stoppingToken))
                    logger.PaymentTimedOut(reservation.OrderId, reservation.ItemId, timeoutCause);
                break;
        }
    }

    private async Task ConfirmAsync(Reservation reservation, string reference, CommandContext context, CancellationToken stoppingToken)
    {
        try
        {
            await mediator.Send(new ConfirmPaymentRequest(reservation.OrderId, reference, context, reservation.ItemId), stoppingToken);
        }
        catch (DomainException ex) when (ex.Code is DomainErrors.PaymentTimedOut or DomainErrors.OrderDiscarded)
        {
            // A normal race, not an error: the confirmation recorded the refund to make before refusing.
            logger.RefundRequired(reference, reservation.OrderId, reservation.ItemId, ex.Code);
        }
        catch (DomainException ex) when (ex.Code is DomainErrors.PaymentAlreadyConfirmed)
        {
            await mediator.Send(new RequireRefundRequest(reservation.ItemId, reservation.OrderId, reference, context), stoppingToken);
            logger.RefundRequired(reference, reservation.OrderId, reservation.ItemId, ex.Code);
        }
    }
}

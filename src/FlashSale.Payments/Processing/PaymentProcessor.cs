using FlashSale.Application.CommandPath;
using FlashSale.Application.Payments;
using FlashSale.EventStore.Logging;
using FlashSale.Payments.Callbacks;
using FlashSale.Payments.Lease;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments.Processing;

/// <summary>
/// Charges one reservation: records the charge before money can move (or releases a reservation too close to its
/// deadline), checks the lease still outlasts the charge, charges under the reservation's idempotency key, and on a
/// timeout asks the gateway what happened before anything is released. Money moves only on evidence.
/// </summary>
public sealed class PaymentProcessor(IMediator mediator, IPaymentGateway gateway, PaymentsOptions options, ProcessorLease lease,
    PendingReservations pending, PaymentSettlement settlement, CallbackSigner signer, ILogger<PaymentProcessor> logger)
{
    public const string Actor = "payment-processor";

    private readonly TimeSpan _gatewayTimeout = TimeSpan.FromSeconds(options.GatewayTimeoutSeconds);
    private readonly TimeSpan _margin = TimeSpan.FromSeconds(options.ChargeMarginSeconds);

    public async Task ChargeAsync(Reservation reservation, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope(LogScope.ForOrder(reservation.CorrelationId, reservation.ItemId, reservation.OrderId));
        if (!pending.TryClaim(reservation)) return;
        if (!lease.IsHeldFor(_gatewayTimeout))
        {
            pending.Unclaim(reservation); // the next holder charges it
            return;
        }
        var context = Context(reservation);
        var request = reservation.ToPaymentRequest();
        var start = await mediator.Send(new StartChargeRequest(reservation.ItemId, reservation.OrderId, reservation.Retry,
            request.IdempotencyKey, _margin, context), stoppingToken);
        switch (start)
        {
            case ChargeStart.Settled:
                logger.PaymentAlreadySettled(reservation.OrderId, reservation.ItemId);
                return;
            case ChargeStart.TooLate:
                logger.PaymentTooLate(reservation.OrderId, reservation.ItemId, _margin);
                return;
            case ChargeStart.Resume when await settlement.AskAsync(request, stoppingToken) is { } known:
                await settlement.SettleAsync(reservation, known, context, stoppingToken);
                return;
            case ChargeStart.Resume:
                return; // unknown: the sweeper asks again at the deadline
        }
        // Fencing: recording the start took time; the charge must still fit inside the lease.
        if (!lease.IsHeldFor(_gatewayTimeout))
        {
            pending.Unclaim(reservation);
            return;
        }
        var attempt = await ChargeWithTimeoutAsync(request, stoppingToken);
        PaymentStatus? status = attempt switch
        {
            PaymentAttempt.Confirmed { Callback: null } confirmed => new PaymentStatus.Charged(confirmed.PaymentReference),
            PaymentAttempt.Confirmed confirmed when signer.Confirms(confirmed.Callback, reservation.ItemId, confirmed.PaymentReference) =>
                new PaymentStatus.Charged(confirmed.PaymentReference),
            PaymentAttempt.Confirmed => await Unverified(reservation, request, stoppingToken),
            _ => await settlement.AskAsync(request, stoppingToken),
        };
        if (status is null)
        {
            logger.PaymentOutcomeUnknown(reservation.OrderId, reservation.ItemId);
            return;
        }
        await settlement.SettleAsync(reservation, status, context, stoppingToken);
    }

    /// <summary>A confirmation whose signature does not verify is no evidence: the gateway's own record decides.</summary>
    private async Task<PaymentStatus?> Unverified(Reservation reservation, PaymentRequest request, CancellationToken stoppingToken)
    {
        logger.PaymentConfirmationUnsigned(reservation.OrderId, reservation.ItemId);
        return await settlement.AskAsync(request, stoppingToken);
    }

    private async Task<PaymentAttempt> ChargeWithTimeoutAsync(PaymentRequest request, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_gatewayTimeout);
        try
        {
            return await gateway.ChargeAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new PaymentAttempt.TimedOut();
        }
    }

    private static CommandContext Context(Reservation reservation) => SystemContext.For(Actor, reservation);
}

using System.Diagnostics;
using FlashSale.Application.Orders;
using FlashSale.Domain;
using FluentValidation;
using Mediator;

namespace FlashSale.Api.Metrics;

/// <summary>Counts every placed order by its outcome, from the receipt or the exception; outermost in the pipeline, so
/// validation failures pass through it too.</summary>
public sealed class PlaceOrderMetrics(OrderMetrics metrics, InventoryLevels inventory) : IPipelineBehavior<PlaceOrderRequest, OrderReceipt>
{
    public async ValueTask<OrderReceipt> Handle(PlaceOrderRequest message, MessageHandlerDelegate<PlaceOrderRequest, OrderReceipt> next,
        CancellationToken cancellationToken)
    {
        metrics.Received.Inc();
        var started = Stopwatch.GetTimestamp();
        OrderReceipt receipt;
        try
        {
            receipt = await next(message, cancellationToken);
        }
        catch (Exception ex)
        {
            Count(ex, started);
            throw;
        }
        metrics.Processing.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        inventory.Ordered(receipt.ItemId);
        if (receipt.Repeated) metrics.Replayed.Inc();
        else if (receipt.Reserved) metrics.Successful.Inc();
        else metrics.Rejected(receipt.RejectionReason!);
        return receipt;
    }

    private void Count(Exception exception, long started)
    {
        switch (exception)
        {
            case ValidationException or DomainException { Code: DomainErrors.QuantityAbovePerUserLimit or DomainErrors.InvalidQuantity }:
                metrics.ValidationFailed.Inc();
                return;
            case DomainException refused:
                metrics.Rejected(refused.Code);
                break;
            default:
                metrics.Failed.Inc();
                break;
        }
        metrics.Processing.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

public sealed class ConfirmPaymentMetrics(OrderMetrics metrics) : IPipelineBehavior<ConfirmPaymentRequest, PaymentReceipt>
{
    public async ValueTask<PaymentReceipt> Handle(ConfirmPaymentRequest message,
        MessageHandlerDelegate<ConfirmPaymentRequest, PaymentReceipt> next, CancellationToken cancellationToken)
    {
        var receipt = await next(message, cancellationToken);
        metrics.PaymentsConfirmed.Inc();
        return receipt;
    }
}

public sealed class TimeOutPaymentMetrics(OrderMetrics metrics) : IPipelineBehavior<TimeOutPaymentRequest, bool>
{
    public async ValueTask<bool> Handle(TimeOutPaymentRequest message, MessageHandlerDelegate<TimeOutPaymentRequest, bool> next,
        CancellationToken cancellationToken)
    {
        var released = await next(message, cancellationToken);
        if (!released) return released;
        // A timed-out order is a dead letter: both names, as the runbook has them.
        metrics.PaymentsTimedOut.Inc();
        metrics.MovedToDeadLetters.Inc();
        return released;
    }
}

using System.Diagnostics;
using FlashSale.Application.Orders;
using FlashSale.Application.Payments;
using FlashSale.Domain;
using FlashSale.EventStore.Logging;
using FluentValidation;
using Mediator;

namespace FlashSale.Api.Logging;

/// <summary>
/// The optional line per order (<c>Logging:OrderLines=true</c>): the placement's outcome with its processing time, and
/// the start and confirmation of its payment. Registered only when switched on, so the hot path pays nothing otherwise.
/// </summary>
internal static class OrderLines
{
    public static IServiceCollection AddOrderLines(this IServiceCollection services)
    {
        services.AddSingleton<IPipelineBehavior<PlaceOrderRequest, OrderReceipt>, PlaceOrderLine>();
        services.AddSingleton<IPipelineBehavior<StartChargeRequest, ChargeStart>, StartChargeLine>();
        services.AddSingleton<IPipelineBehavior<ConfirmPaymentRequest, PaymentReceipt>, ConfirmPaymentLine>();
        return services;
    }

    public static double MillisecondsSince(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
}

internal sealed class PlaceOrderLine(ILoggerFactory loggers) : IPipelineBehavior<PlaceOrderRequest, OrderReceipt>
{
    private readonly ILogger _logger = loggers.CreateLogger(LogEvents.OrderLinesCategory);

    public async ValueTask<OrderReceipt> Handle(PlaceOrderRequest message, MessageHandlerDelegate<PlaceOrderRequest, OrderReceipt> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (correlationId, itemId, orderId) = (message.Context.CorrelationId, message.ItemId, message.OrderId);
        OrderReceipt receipt;
        try
        {
            receipt = await next(message, cancellationToken);
        }
        catch (Exception ex)
        {
            var elapsed = OrderLines.MillisecondsSince(started);
            switch (ex)
            {
                case ValidationException or DomainException { Code: DomainErrors.QuantityAbovePerUserLimit or DomainErrors.InvalidQuantity }:
                    _logger.OrderInvalid(orderId, itemId, (ex as DomainException)?.Code ?? "validation", elapsed, correlationId);
                    break;
                case DomainException refused:
                    _logger.OrderRejected(orderId, itemId, refused.Code, elapsed, correlationId);
                    break;
                default:
                    _logger.OrderFailed(orderId, itemId, ex.GetType().Name, elapsed, correlationId);
                    break;
            }
            throw;
        }
        var processing = OrderLines.MillisecondsSince(started);
        if (receipt.Repeated) _logger.OrderReplayed(receipt.OrderId, receipt.ItemId, processing, correlationId);
        else if (receipt.Reserved) _logger.OrderReserved(receipt.OrderId, receipt.ItemId, processing, correlationId);
        else _logger.OrderRejected(receipt.OrderId, receipt.ItemId, receipt.RejectionReason!, processing, correlationId);
        return receipt;
    }
}

internal sealed class StartChargeLine(ILoggerFactory loggers) : IPipelineBehavior<StartChargeRequest, ChargeStart>
{
    private readonly ILogger _logger = loggers.CreateLogger(LogEvents.OrderLinesCategory);

    public async ValueTask<ChargeStart> Handle(StartChargeRequest message, MessageHandlerDelegate<StartChargeRequest, ChargeStart> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var start = await next(message, cancellationToken);
        if (start == ChargeStart.Start)
            _logger.PaymentChargeStarted(message.OrderId, message.ItemId, message.Retry, OrderLines.MillisecondsSince(started), message.Context.CorrelationId);
        return start;
    }
}

internal sealed class ConfirmPaymentLine(ILoggerFactory loggers) : IPipelineBehavior<ConfirmPaymentRequest, PaymentReceipt>
{
    private readonly ILogger _logger = loggers.CreateLogger(LogEvents.OrderLinesCategory);

    public async ValueTask<PaymentReceipt> Handle(ConfirmPaymentRequest message, MessageHandlerDelegate<ConfirmPaymentRequest, PaymentReceipt> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var receipt = await next(message, cancellationToken);
        _logger.PaymentConfirmed(receipt.OrderId, receipt.ItemId, message.Context.Actor, OrderLines.MillisecondsSince(started),
            message.Context.CorrelationId);
        return receipt;
    }
}

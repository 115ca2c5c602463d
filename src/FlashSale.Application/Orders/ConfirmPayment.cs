using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Orders;

/// <summary>The payment provider's callback: the buyer paid for a reservation.</summary>
/// <param name="ItemId">Known to the payment processor; callbacks that name only the order leave it null, which is refused
/// as order.ambiguous when the order id is an order on several items.</param>
public sealed record ConfirmPaymentRequest(string? OrderId, string? PaymentReference, CommandContext Context, string? ItemId = null)
    : ICommand<PaymentReceipt>;

public sealed record PaymentReceipt(string OrderId, string ItemId, string PaymentReference, LogPosition Position);

public sealed class ConfirmPaymentValidator : RequestValidator<ConfirmPaymentRequest>
{
    public ConfirmPaymentValidator()
    {
        RuleForField(r => r.OrderId).ValidId();
        RuleForField(r => r.PaymentReference).ValidReference();
        RuleForField(r => r.ItemId).ValidId().When(r => r.ItemId is not null);
    }
}

public sealed class ConfirmPaymentHandler(ItemCommandPath commandPath, OrderIndex orders, TimeProvider clock)
    : ICommandHandler<ConfirmPaymentRequest, PaymentReceipt>
{
    public async ValueTask<PaymentReceipt> Handle(ConfirmPaymentRequest request, CancellationToken cancellationToken)
    {
        var orderId = request.OrderId!;
        var itemId = orders.ItemOf(orderId, request.ItemId);
        var outcome = await commandPath.ExecuteAsync(
            new ConfirmPayment(itemId, orderId, request.PaymentReference!, clock.GetUtcNow()), request.Context, cancellationToken);
        var order = outcome.OrderOf(orderId);
        if (order.Status != OrderStatus.Confirmed)
            throw new DomainException(DomainErrors.PaymentTimedOut,
                $"The payment window of order '{orderId}' closed at {order.PaymentDeadline:O}; its stock was released.");
        var position = outcome.Order?.Settlement
            ?? throw new InvalidOperationException($"Order '{orderId}' has no recorded payment position.");
        return new PaymentReceipt(orderId, itemId, order.PaymentReference!, position);
    }
}

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

/// <remarks>
/// A payment that comes too late (the reservation was released before it, or by it) is still refused, but the money
/// has moved: it is recorded as a refund to make (<see cref="RefundRequired"/>, once per payment reference) before the
/// refusal is answered.
/// </remarks>
public sealed class ConfirmPaymentHandler(ItemCommandPath commandPath, OrderIndex orders, TimeProvider clock)
    : ICommandHandler<ConfirmPaymentRequest, PaymentReceipt>
{
    // An operator's retry can reserve the order again between the refusal and the refund; the payment then pays for that.
    private const int MaxAttempts = 3;

    public async ValueTask<PaymentReceipt> Handle(ConfirmPaymentRequest request, CancellationToken cancellationToken)
    {
        var (orderId, reference) = (request.OrderId!, request.PaymentReference!);
        var itemId = await orders.ItemOfAsync(orderId, request.ItemId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (await ConfirmAsync(itemId, orderId, reference, request.Context, cancellationToken) is { } confirmed) return confirmed;
            var refund = await commandPath.ExecuteAsync(new RequireRefund(itemId, orderId, reference, clock.GetUtcNow()), request.Context,
                cancellationToken);
            var order = refund.OrderOf(orderId);
            if (order.Status == OrderStatus.Reserved && attempt < MaxAttempts) continue;
            throw order.Status == OrderStatus.Discarded
                ? new DomainException(DomainErrors.OrderDiscarded,
                    $"Order '{orderId}' timed out and was discarded by an operator; it can no longer be paid (a refund is recorded).")
                : new DomainException(DomainErrors.PaymentTimedOut,
                    $"The payment window of order '{orderId}' closed at {order.PaymentDeadline:O}; its stock was released (a refund is recorded).");
        }
    }

    /// <returns>The receipt, or null when the payment came too late for the reservation.</returns>
    private async Task<PaymentReceipt?> ConfirmAsync(string itemId, string orderId, string reference, CommandContext context,
        CancellationToken cancellationToken)
    {
        CommandOutcome outcome;
        try
        {
            outcome = await commandPath.ExecuteAsync(new ConfirmPayment(itemId, orderId, reference, clock.GetUtcNow()), context, cancellationToken);
        }
        catch (DomainException ex) when (ex.Code is DomainErrors.PaymentTimedOut or DomainErrors.OrderDiscarded)
        {
            return null;
        }
        var order = outcome.OrderOf(orderId);
        if (order.Status != OrderStatus.Confirmed) return null;
        var position = outcome.Order?.Settlement
            ?? throw new InvalidOperationException($"Order '{orderId}' has no recorded payment position.");
        return new PaymentReceipt(orderId, itemId, order.PaymentReference!, position);
    }
}

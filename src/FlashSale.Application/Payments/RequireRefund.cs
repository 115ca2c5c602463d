using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;
using Mediator;

namespace FlashSale.Application.Payments;

/// <summary>Money arrived for an order that it cannot pay for (released, or already paid with another reference).</summary>
public sealed record RequireRefundRequest(string ItemId, string OrderId, string PaymentReference, CommandContext Context) : ICommand<bool>;

public sealed class RequireRefundHandler(ItemCommandPath commandPath, TimeProvider clock) : ICommandHandler<RequireRefundRequest, bool>
{
    /// <returns>Whether this call recorded the refund (false when it was recorded before, or the payment pays for the order).</returns>
    public async ValueTask<bool> Handle(RequireRefundRequest request, CancellationToken cancellationToken)
    {
        var outcome = await commandPath.ExecuteAsync(
            new RequireRefund(request.ItemId, request.OrderId, request.PaymentReference, clock.GetUtcNow()), request.Context, cancellationToken);
        return outcome.Events.Any(e => e is RefundRequired);
    }
}

using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;
using Mediator;

namespace FlashSale.Application.Orders;

/// <summary>Ends a reservation that was not paid: the gateway gave up, or the payment window passed.</summary>
/// <param name="Retry">The reservation meant (its retry number); null for whichever is current.</param>
public sealed record TimeOutPaymentRequest(string ItemId, string OrderId, string Cause, CommandContext Context, int? Retry = null)
    : ICommand<bool>;

public sealed class TimeOutPaymentHandler(ItemCommandPath commandPath, TimeProvider clock) : ICommandHandler<TimeOutPaymentRequest, bool>
{
    /// <returns>Whether this call released the reservation (false when it was already settled or is not yet due).</returns>
    public async ValueTask<bool> Handle(TimeOutPaymentRequest request, CancellationToken cancellationToken)
    {
        var outcome = await commandPath.ExecuteAsync(
            new TimeOutPayment(request.ItemId, request.OrderId, request.Cause, clock.GetUtcNow(), request.Retry), request.Context,
            cancellationToken);
        return outcome.Events.Count > 0;
    }
}

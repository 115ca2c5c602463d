using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;
using Mediator;

namespace FlashSale.Application.Payments;

/// <summary>The payment processor asks whether it may charge a reservation; the answer is recorded before money moves.</summary>
/// <param name="Margin">How long the gateway may take to answer: a reservation closing sooner is released, not charged.</param>
public sealed record StartChargeRequest(string ItemId, string OrderId, int Retry, string IdempotencyKey, TimeSpan Margin, CommandContext Context)
    : ICommand<ChargeStart>;

public enum ChargeStart
{
    /// <summary>Recorded as started: charge it.</summary>
    Start,

    /// <summary>A charge was started before (a crash, another processor): ask the gateway what became of it first.</summary>
    Resume,

    /// <summary>Released by this call: the window would close before the gateway could answer.</summary>
    TooLate,

    /// <summary>Paid, released, discarded or superseded by a retry: nothing to charge.</summary>
    Settled,
}

public sealed class StartChargeHandler(ItemCommandPath commandPath, TimeProvider clock) : ICommandHandler<StartChargeRequest, ChargeStart>
{
    public async ValueTask<ChargeStart> Handle(StartChargeRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outcome = await commandPath.ExecuteAsync(
            new StartCharge(request.ItemId, request.OrderId, request.Retry, request.IdempotencyKey, now + request.Margin, now),
            request.Context, cancellationToken);
        var order = outcome.OrderOf(request.OrderId);
        return outcome.Events switch
        {
            [ChargeStarted] => ChargeStart.Start,
            [PaymentTimedOut, ..] => ChargeStart.TooLate,
            _ when order is { Status: OrderStatus.Reserved } && order.Retries == request.Retry && order.ChargeStartedFor == request.Retry =>
                ChargeStart.Resume,
            _ => ChargeStart.Settled,
        };
    }
}

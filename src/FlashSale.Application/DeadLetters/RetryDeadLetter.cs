using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.DeadLetters;

/// <summary>An operator asks to reserve a timed-out order again, with a new payment window.</summary>
/// <param name="ItemId">Optional: an order id alone finds its item through the order index.</param>
public sealed record RetryDeadLetterRequest(string? OrderId, CommandContext Context, string? ItemId = null) : ICommand<DeadLetterReceipt>;

public sealed class RetryDeadLetterValidator : RequestValidator<RetryDeadLetterRequest>
{
    public RetryDeadLetterValidator()
    {
        RuleForField(r => r.OrderId).ValidId();
        RuleForField(r => r.ItemId).ValidId().When(r => r.ItemId is not null);
    }
}

public sealed class RetryDeadLetterHandler(ItemCommandPath commandPath, OrderIndex orders, TimeProvider clock)
    : ICommandHandler<RetryDeadLetterRequest, DeadLetterReceipt>
{
    public async ValueTask<DeadLetterReceipt> Handle(RetryDeadLetterRequest request, CancellationToken cancellationToken)
    {
        var orderId = request.OrderId!;
        var itemId = await orders.ItemOfAsync(orderId, request.ItemId, cancellationToken);
        var outcome = await commandPath.ExecuteAsync(
            new RetryDeadLetter(itemId, orderId, request.Context.Actor, clock.GetUtcNow()), request.Context, cancellationToken);
        if (outcome.Events.Count == 0) return Repeat(outcome, orderId, itemId);
        var position = outcome.Position
            ?? throw new InvalidOperationException($"The retry of order '{orderId}' recorded nothing.");
        return outcome.Events switch
        {
            [DeadLetterRetried retried, StockReserved reserved] =>
                new DeadLetterReceipt(orderId, itemId, DeadLetterOutcomes.Retried, null, reserved.ReservedUntil, retried.Retry, position),
            [DeadLetterRetryFailed failed] =>
                new DeadLetterReceipt(orderId, itemId, DeadLetterOutcomes.RetryFailed, failed.Reason, null, failed.Retry, position),
            _ => throw new InvalidOperationException($"Unexpected events for the retry of order '{orderId}': {string.Join(", ", outcome.Events)}."),
        };
    }

    /// <summary>The order is still reserved by its last retry: answered as that retry was, from what the item recorded.</summary>
    private static DeadLetterReceipt Repeat(CommandOutcome outcome, string orderId, string itemId)
    {
        var order = outcome.OrderOf(orderId);
        var position = outcome.Order?.Retry
            ?? throw new InvalidOperationException($"Order '{orderId}' has no recorded retry position.");
        return new DeadLetterReceipt(orderId, itemId, DeadLetterOutcomes.Retried, null, order.RetryReservedUntil, order.Retries, position,
            Repeated: true);
    }
}

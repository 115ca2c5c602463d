using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.DeadLetters;

/// <summary>An operator closes a timed-out order for good. Repeating it appends nothing and answers the first discard.</summary>
/// <param name="Reason">Optional note kept in the event (why the operator gave up).</param>
/// <param name="ItemId">Optional: an order id alone finds its item through the order index.</param>
public sealed record DiscardDeadLetterRequest(string? OrderId, string? Reason, CommandContext Context, string? ItemId = null)
    : ICommand<DeadLetterReceipt>;

public sealed class DiscardDeadLetterValidator : RequestValidator<DiscardDeadLetterRequest>
{
    public const int MaxReasonLength = 500;

    public DiscardDeadLetterValidator()
    {
        RuleForField(r => r.OrderId).ValidId();
        RuleForField(r => r.ItemId).ValidId().When(r => r.ItemId is not null);
        RuleForField(r => r.Reason).PrintableText(MaxReasonLength).When(r => !string.IsNullOrEmpty(r.Reason));
    }
}

public sealed class DiscardDeadLetterHandler(ItemCommandPath commandPath, OrderIndex orders, TimeProvider clock)
    : ICommandHandler<DiscardDeadLetterRequest, DeadLetterReceipt>
{
    public async ValueTask<DeadLetterReceipt> Handle(DiscardDeadLetterRequest request, CancellationToken cancellationToken)
    {
        var orderId = request.OrderId!;
        var itemId = await orders.ItemOfAsync(orderId, request.ItemId, cancellationToken);
        var outcome = await commandPath.ExecuteAsync(
            new DiscardDeadLetter(itemId, orderId, request.Reason ?? "", request.Context.Actor, clock.GetUtcNow()),
            request.Context, cancellationToken);
        var order = outcome.OrderOf(orderId);
        var position = outcome.Position ?? outcome.Order?.Discard
            ?? throw new InvalidOperationException($"Order '{orderId}' has no recorded discard position.");
        return new DeadLetterReceipt(orderId, itemId, DeadLetterOutcomes.Discarded, order.DiscardReason is { Length: > 0 } reason ? reason : null,
            null, order.Retries, position, Repeated: outcome.Events.Count == 0);
    }
}

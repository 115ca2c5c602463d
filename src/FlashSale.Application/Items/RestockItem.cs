using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain.Items;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Items;

/// <param name="OperationId">Optional idempotency key: a restock sent again with it (after a timeout or a 503) answers the
/// first one's receipt and adds nothing; with another quantity it is refused.</param>
public sealed record RestockItemRequest(string? ItemId, int? Quantity, string? Reason, CommandContext Context, string? OperationId = null)
    : ICommand<ItemReceipt>;

public sealed class RestockItemValidator : RequestValidator<RestockItemRequest>
{
    public RestockItemValidator()
    {
        RuleForField(r => r.ItemId).ValidId();
        RuleForField(r => r.Quantity).NotNull().WithMessage("'{PropertyName}' is required.");
        RuleForField(r => r.Quantity).InclusiveBetween(1, ListItemValidator.MaxStock)
            .WithMessage($"'{{PropertyName}}' must be between 1 and {ListItemValidator.MaxStock:N0}.");
        RuleForField(r => r.Reason).PrintableText(500);
        RuleForField(r => r.OperationId).ValidId().When(r => r.OperationId is not null);
    }
}

public sealed class RestockItemHandler(ItemCommandPath commandPath, TimeProvider clock) : ICommandHandler<RestockItemRequest, ItemReceipt>
{
    public async ValueTask<ItemReceipt> Handle(RestockItemRequest r, CancellationToken cancellationToken)
    {
        var command = new RestockItem(r.ItemId!, r.Quantity!.Value, r.Reason!, clock.GetUtcNow(), r.OperationId);
        var outcome = await commandPath.ExecuteAsync(command, r.Context, cancellationToken);
        if (r.OperationId is not { } operationId) return new ItemReceipt(r.ItemId!, outcome.Available, outcome.Position!.Value);
        // A repeat appends nothing: it answers what the first restock answered.
        var first = outcome.RestockOf(operationId);
        return new ItemReceipt(r.ItemId!, first.AvailableAfter, outcome.Restock
            ?? throw new InvalidOperationException($"Restock '{operationId}' has no recorded position."));
    }
}

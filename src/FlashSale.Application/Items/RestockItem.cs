using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain.Items;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Items;

public sealed record RestockItemRequest(string? ItemId, int? Quantity, string? Reason, CommandContext Context) : ICommand<ItemReceipt>;

public sealed class RestockItemValidator : RequestValidator<RestockItemRequest>
{
    public RestockItemValidator()
    {
        RuleForField(r => r.ItemId).ValidId();
        RuleForField(r => r.Quantity).NotNull().WithMessage("'{PropertyName}' is required.");
        RuleForField(r => r.Quantity).InclusiveBetween(1, ListItemValidator.MaxStock)
            .WithMessage($"'{{PropertyName}}' must be between 1 and {ListItemValidator.MaxStock:N0}.");
        RuleForField(r => r.Reason).PrintableText(500);
    }
}

public sealed class RestockItemHandler(ItemCommandPath commandPath, TimeProvider clock) : ICommandHandler<RestockItemRequest, ItemReceipt>
{
    public async ValueTask<ItemReceipt> Handle(RestockItemRequest r, CancellationToken cancellationToken)
    {
        var outcome = await commandPath.ExecuteAsync(new RestockItem(r.ItemId!, r.Quantity!.Value, r.Reason!, clock.GetUtcNow()), r.Context, cancellationToken);
        return new ItemReceipt(r.ItemId!, outcome.Available, outcome.Position!.Value);
    }
}

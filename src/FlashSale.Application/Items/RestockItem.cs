using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain.Items;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Items;

public sealed record RestockItemRequest(string? ItemId, int? Quantity, string? Reason, CommandContext Context) : ICommand<ItemReceipt>;

public sealed class RestockItemValidator : AbstractValidator<RestockItemRequest>
{
    public RestockItemValidator()
    {
        RuleFor(r => r.ItemId).ValidId();
        RuleFor(r => r.Quantity).NotNull().WithMessage("'{PropertyName}' is required.");
        RuleFor(r => r.Quantity).InclusiveBetween(1, ListItemValidator.MaxStock)
            .WithMessage($"'{{PropertyName}}' must be between 1 and {ListItemValidator.MaxStock:N0}.");
        RuleFor(r => r.Reason).PrintableText(500);
    }
}

public sealed class RestockItemHandler(ItemWriters writers, TimeProvider clock) : ICommandHandler<RestockItemRequest, ItemReceipt>
{
    public async ValueTask<ItemReceipt> Handle(RestockItemRequest r, CancellationToken cancellationToken)
    {
        var outcome = await writers.ExecuteAsync(new AddStock(r.ItemId!, r.Quantity!.Value, r.Reason!, clock.GetUtcNow()), r.Context, cancellationToken);
        return new ItemReceipt(r.ItemId!, ((Listed)outcome.State).Available, outcome.Position!.Value);
    }
}

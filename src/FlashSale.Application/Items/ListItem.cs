using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Items;

public sealed record ListItemRequest(
    string? ItemId,
    string? Name,
    int? Stock,
    int? PerUserLimit,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int? PaymentWindowSeconds,
    CommandContext Context) : ICommand<ItemReceipt>;

public sealed record ItemReceipt(string ItemId, int Available, LogPosition Position);

public sealed class ListItemValidator : RequestValidator<ListItemRequest>
{
    public const int MaxStock = 1_000_000_000;
    public const int MaxPaymentWindowSeconds = 7 * 24 * 3600;

    public ListItemValidator()
    {
        RuleForField(r => r.ItemId).ValidId();
        RuleForField(r => r.Name).PrintableText(200);
        RuleForField(r => r.Stock).NotNull().WithMessage("'{PropertyName}' is required.");
        RuleForField(r => r.Stock).InclusiveBetween(0, MaxStock).WithMessage($"'{{PropertyName}}' must be between 0 and {MaxStock:N0}.");
        RuleForField(r => r.PerUserLimit).NotNull().WithMessage("'{PropertyName}' is required.");
        RuleForField(r => r.PerUserLimit).InclusiveBetween(1, MaxStock).WithMessage($"'{{PropertyName}}' must be between 1 and {MaxStock:N0}.");
        RuleForField(r => r.SaleEndsAt).GreaterThan(r => r.SaleStartsAt).When(r => r.SaleStartsAt is not null && r.SaleEndsAt is not null)
            .WithMessage("'{PropertyName}' must be after 'saleStartsAt'.");
        RuleForField(r => r.PaymentWindowSeconds).InclusiveBetween(1, MaxPaymentWindowSeconds).When(r => r.PaymentWindowSeconds is not null)
            .WithMessage($"'{{PropertyName}}' must be between 1 and {MaxPaymentWindowSeconds} seconds.");
    }
}

public sealed class ListItemHandler(ItemCommandPath commandPath, TimeProvider clock, SalesOptions sales) : ICommandHandler<ListItemRequest, ItemReceipt>
{
    public async ValueTask<ItemReceipt> Handle(ListItemRequest r, CancellationToken cancellationToken)
    {
        var command = new ListItem(r.ItemId!, r.Name!, r.Stock!.Value, r.PerUserLimit!.Value, r.SaleStartsAt, r.SaleEndsAt,
            r.PaymentWindowSeconds ?? sales.DefaultPaymentWindowSeconds, clock.GetUtcNow());
        var outcome = await commandPath.ExecuteAsync(command, r.Context, cancellationToken);
        return new ItemReceipt(r.ItemId!, outcome.Available, outcome.Position!.Value);
    }
}

using FlashSale.Contracts;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Orders;

/// <remarks>Fields a client sends are nullable so that a missing one is reported by the validator with the others.</remarks>
public sealed record PlaceOrderRequest(string? OrderId, string? ItemId, string? UserId, int? Quantity, CommandContext Context)
    : ICommand<OrderReceipt>;

/// <summary>The recorded outcome of placing an order: reserved (with its payment deadline) or rejected (with the reason).</summary>
/// <param name="SaleClosed">For a <c>sale_not_active</c> rejection: whether the sale had not started or had ended, and when.</param>
public sealed record OrderReceipt(
    string OrderId,
    string ItemId,
    bool Reserved,
    DateTimeOffset? ReservedUntil,
    string? RejectionReason,
    LogPosition Position,
    bool Repeated,
    SaleClosed? SaleClosed = null);

public sealed class PlaceOrderValidator : RequestValidator<PlaceOrderRequest>
{
    public PlaceOrderValidator()
    {
        RuleForField(r => r.OrderId).ValidId();
        RuleForField(r => r.ItemId).ValidId();
        RuleForField(r => r.UserId).ValidId();
        RuleForField(r => r.Quantity).Cascade(CascadeMode.Stop).NotNull().WithMessage("'{PropertyName}' is required.")
            .GreaterThanOrEqualTo(1).WithMessage("'{PropertyName}' must be at least 1 (it was {PropertyValue}).");
    }

    /// <summary>The rules above, as one check (a test holds the two to the same answers).</summary>
    public override bool Admits(PlaceOrderRequest request) =>
        request.Quantity >= 1 && EntityId.IsValid(request.OrderId) && EntityId.IsValid(request.ItemId) && EntityId.IsValid(request.UserId);
}

public sealed class PlaceOrderHandler(ItemCommandPath commandPath, OrderIndex orders, TimeProvider clock)
    : ICommandHandler<PlaceOrderRequest, OrderReceipt>
{
    public async ValueTask<OrderReceipt> Handle(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var (orderId, itemId) = (request.OrderId!, request.ItemId!);
        if (await orders.ClaimAsync(orderId, itemId, cancellationToken) is not null)
            throw new DomainException(DomainErrors.OrderIdReused, $"Order id '{orderId}' is already used on another item.");

        var command = new PlaceOrder(itemId, orderId, request.UserId!, request.Quantity!.Value, clock.GetUtcNow());
        CommandOutcome outcome;
        try
        {
            outcome = await commandPath.ExecuteAsync(command, request.Context, cancellationToken);
        }
        catch (Exception ex) when (ex is DomainException { Code: not DomainErrors.OrderIdReused }
                                   or CommandPathOverloadedException or ItemUnreadableException or OperationCanceledException)
        {
            // Refused before anything was appended for it (unknown item, quantity above the limit, a full queue, dropped
            // for its cancelled caller, ...): the id is free again. A recorded order id only ever answers its outcome or
            // order.id_reused, never this.
            orders.Release(orderId, itemId);
            throw;
        }
        var order = outcome.OrderOf(orderId);
        var position = outcome.Order?.Placement
            ?? throw new InvalidOperationException($"Order '{orderId}' has no recorded placement position.");
        return new OrderReceipt(orderId, itemId, order.RejectionReason is null, order.ReservedUntil,
            order.RejectionReason, position, Repeated: outcome.Events.Count == 0, outcome.SaleClosedFor(orderId));
    }
}

using FlashSale.Api.Http;
using FlashSale.Application.Orders;

namespace FlashSale.Api.Orders;

/// <summary>A reserved order: pay before <see cref="ReservedUntil"/>. <see cref="Status"/> is always <c>reserved</c>.</summary>
public sealed record OrderAccepted(string OrderId, string ItemId, string Status, DateTimeOffset? ReservedUntil, string Position)
{
    public static OrderAccepted From(OrderReceipt receipt) =>
        new(receipt.OrderId, receipt.ItemId, "reserved", receipt.ReservedUntil, receipt.Position.ToToken());
}

/// <summary>A recorded payment. <see cref="Status"/> is always <c>confirmed</c>.</summary>
public sealed record PaymentConfirmation(string OrderId, string ItemId, string Status, string PaymentReference, string Position)
{
    public static PaymentConfirmation From(PaymentReceipt receipt) =>
        new(receipt.OrderId, receipt.ItemId, "confirmed", receipt.PaymentReference, receipt.Position.ToToken());
}

/// <summary>A rejected order is a 409 problem whose <c>code</c> is the reason and whose <c>position</c> is the rejection's.</summary>
public static class OrderRejection
{
    public static ProblemResult From(OrderReceipt receipt) => new(new Problem(
        $"https://flashsale.dev/problems/{receipt.RejectionReason}",
        "Order rejected",
        StatusCodes.Status409Conflict,
        Detail(receipt.RejectionReason!),
        receipt.RejectionReason,
        OrderId: receipt.OrderId,
        ItemId: receipt.ItemId,
        Position: receipt.Position.ToToken()));

    private static string Detail(string reason) => reason switch
    {
        "sold_out" => "Not enough stock is left for this order.",
        "per_user_limit" => "This order would take the user over the item's per-user limit.",
        "sale_not_active" => "The sale of this item is not open at this time.",
        _ => "The order was rejected.",
    };
}

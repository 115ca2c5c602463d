using FlashSale.Api.Http;
using FlashSale.Application.Orders;
using FlashSale.Domain.Items;

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

/// <summary>A rejected order is a 409 problem whose <c>code</c> is the reason and whose <c>position</c> is the rejection's;
/// <c>sale_not_active</c> also says when the sale starts (<c>saleStartsAt</c>) or when it ended (<c>saleEndedAt</c>).</summary>
public static class OrderRejection
{
    public static ProblemResult From(OrderReceipt receipt) => new(new Problem(
        $"https://flashsale.dev/problems/{receipt.RejectionReason}",
        "Order rejected",
        StatusCodes.Status409Conflict,
        Detail(receipt.RejectionReason!, receipt.SaleClosed),
        receipt.RejectionReason,
        OrderId: receipt.OrderId,
        ItemId: receipt.ItemId,
        Position: receipt.Position.ToToken(),
        SaleStartsAt: receipt.SaleClosed is { Ended: false } notYet ? notYet.At : null,
        SaleEndedAt: receipt.SaleClosed is { Ended: true } ended ? ended.At : null));

    private static string Detail(string reason, SaleClosed? closed) => (reason, closed) switch
    {
        (RejectionReasons.SoldOut, _) => "Not enough stock is left for this order.",
        (RejectionReasons.PerUserLimit, _) => "This order would take the user over the item's per-user limit.",
        (RejectionReasons.SaleNotActive, { Ended: false } c) => $"The sale of this item has not started yet: it starts at {ItemDecider.Moment(c.At)}.",
        (RejectionReasons.SaleNotActive, { Ended: true } c) => $"The sale of this item has ended: it ended at {ItemDecider.Moment(c.At)}.",
        (RejectionReasons.SaleNotActive, null) => "The sale of this item is not open at this time.",
        _ => "The order was rejected.",
    };
}

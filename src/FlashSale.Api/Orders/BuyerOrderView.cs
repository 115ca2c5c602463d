using FlashSale.Projections.OrderStatus;

namespace FlashSale.Api.Orders;

/// <summary>An order as its buyer sees it: the order-status row without the payment reference, which stays with the
/// payment provider and operators (audit, dead letters).</summary>
public sealed record BuyerOrderView(
    string OrderId,
    string ItemId,
    string UserId,
    int Quantity,
    string Status,
    string? Reason,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ReservedAt,
    DateTimeOffset? ReservedUntil,
    DateTimeOffset? RejectedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? TimedOutAt,
    DateTimeOffset? DiscardedAt,
    int Retries,
    string LastPosition,
    DateTimeOffset UpdatedAt)
{
    public static BuyerOrderView From(OrderStatusRow row) => new(row.OrderId, row.ItemId, row.UserId, row.Quantity, row.Status,
        row.Reason, row.PlacedAt, row.ReservedAt, row.ReservedUntil, row.RejectedAt, row.ConfirmedAt, row.TimedOutAt, row.DiscardedAt,
        row.Retries, row.LastPosition, row.UpdatedAt);
}

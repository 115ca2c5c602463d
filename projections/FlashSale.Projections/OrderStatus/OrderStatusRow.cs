namespace FlashSale.Projections.OrderStatus;

/// <summary>
/// One order's state machine: <c>placed</c> (only between an order and its outcome, which the log always records
/// together) -> <c>reserved</c> | <c>rejected</c>; <c>reserved</c> -> <c>confirmed</c> | <c>timed_out</c>;
/// <c>timed_out</c> -> <c>reserved</c> (operator retry) | <c>discarded</c>. <see cref="Reason"/> is the rejection reason,
/// the timeout cause or the discard reason of the latest transition that has one.
/// </summary>
public sealed record OrderStatusRow(
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
    string? PaymentReference,
    DateTimeOffset? TimedOutAt,
    DateTimeOffset? DiscardedAt,
    int Retries,
    string LastPosition,
    DateTimeOffset UpdatedAt);

public static class OrderStatuses
{
    public const string Placed = "placed";
    public const string Reserved = "reserved";
    public const string Rejected = "rejected";
    public const string Confirmed = "confirmed";
    public const string TimedOut = "timed_out";
    public const string Discarded = "discarded";
}

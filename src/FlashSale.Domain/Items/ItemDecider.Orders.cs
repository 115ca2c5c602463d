namespace FlashSale.Domain.Items;

/// <summary>Placing an order: availability is exact at decision time, so expired reservations are released first.</summary>
public static partial class ItemDecider
{
    private static ItemEvent[] PlaceOrder(PlaceOrder c, Listed s)
    {
        // Outside the sale window stock does not matter: the order is rejected as it is.
        if (!(c.Now >= s.EarliestDeadline) || !s.IsOnSale(c.Now)) return Place(c, s);
        // The same events the deadline sweeper appends: a buyer is never refused stock nobody may pay for any more.
        var released = ReleaseExpired(s, c.Now);
        return released.Length == 0 ? Place(c, s) : [.. released, .. Place(c, (Listed)Fold(released, s))];
    }

    private static ItemEvent[] Place(PlaceOrder c, Listed s) => s switch
    {
        _ when !s.IsOnSale(c.Now) => Reject(c, RejectionReasons.SaleNotActive),
        _ when s.HeldBy(c.UserId) + c.Quantity > s.PerUserLimit => Reject(c, RejectionReasons.PerUserLimit),
        _ when s.Available < c.Quantity => Reject(c, RejectionReasons.SoldOut),
        _ =>
        [
            new OrderPlaced(c.ItemId, c.OrderId, c.UserId, c.Quantity, c.Now),
            new StockReserved(c.ItemId, c.OrderId, c.UserId, c.Quantity, c.Now.AddSeconds(s.PaymentWindowSeconds)),
        ],
    };

    private static ItemEvent[] ReleaseExpired(Listed s, DateTimeOffset now) =>
    [
        .. s.Orders.Values
            .Where(o => o.Status == OrderStatus.Reserved && now >= o.PaymentDeadline)
            .OrderBy(o => o.PaymentDeadline).ThenBy(o => o.OrderId, StringComparer.Ordinal)
            .SelectMany(o => Release(s.ItemId, o, TimeoutCauses.DeadlinePassed, now)),
    ];

    /// <summary>The earliest deadline of the reservations still open after <paramref name="now"/>: a decision during the
    /// sale at <paramref name="now"/> released every one due by then. Reservations left due by a version that did not release
    /// them at decision time are the sweeper's.</summary>
    private static DateTimeOffset? NextDeadline(Listed s, DateTimeOffset now)
    {
        DateTimeOffset? earliest = null;
        foreach (var order in s.Orders.Values)
            if (order is { Status: OrderStatus.Reserved, PaymentDeadline: { } deadline } && deadline > now)
                earliest = Earliest(earliest, deadline);
        return earliest;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } known && known <= b ? known : b;
}

using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Payments;
using FlashSale.Projections;
using FlashSale.Projections.PendingReservations;

namespace FlashSale.Api.Tests.Restart;

/// <summary>The persisted pending reservations follow the payments worker's own rules event for event, so a start from
/// them decides as a start from the whole log.</summary>
public sealed class PendingReservationProjectionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void the_projection_holds_what_the_payments_worker_holds_after_the_same_events()
    {
        ItemEvent[] events =
        [
            new StockReserved("mug", "o-1", "u-1", 1, At.AddMinutes(5)),
            new StockReserved("mug", "o-2", "u-2", 2, At.AddMinutes(5)),
            new StockReserved("cup", "o-2", "u-3", 1, At.AddMinutes(6)),
            new StockReserved("mug", "o-3", "u-4", 1, At.AddMinutes(5)),
            new ChargeStarted("mug", "o-1", "mug/o-1/0", At),
            new PaymentConfirmed("mug", "o-2", "u-2", 2, "ref-2", At),
            new PaymentTimedOut("mug", "o-3", "gateway_timeout", At),
            new StockReserved("mug", "o-3", "u-4", 1, At.AddMinutes(9), Retry: 1),
            new ChargeStarted("mug", "o-3", "mug/o-3/0", At), // of the earlier reservation: not this one's
        ];
        var worker = new PendingReservations();
        var projection = new PendingReservationProjection();
        var rows = new Dictionary<RowKey, PendingReservationRow>();
        for (var i = 0; i < events.Length; i++)
        {
            worker.Apply(events[i], "corr");
            var projected = new ProjectedEvent(events[i], "item-" + events[i].ItemId, i, LogPosition.At((ulong)i + 1), At);
            if (projection.KeyOf(projected) is not { } key) continue;
            if (projection.Apply(rows.GetValueOrDefault(key), projected) is { } row) rows[key] = row;
            else rows.Remove(key);
        }

        rows.Values.Select(r => new Reservation(r.ItemId, r.OrderId, r.UserId, r.Quantity, r.ReservedUntil, r.Retry, r.ChargeStarted != 0))
            .OrderBy(r => r.ItemId).ThenBy(r => r.OrderId)
            .ShouldBe(worker.All.Select(r => r with { CorrelationId = null }).OrderBy(r => r.ItemId).ThenBy(r => r.OrderId));
        rows.Count.ShouldBe(3);
    }
}

using FlashSale.Domain.Items;
using FlashSale.Payments;

namespace FlashSale.Application.Tests.Payments;

public sealed class PendingReservationsTests
{
    private static readonly DateTimeOffset Until = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void one_order_id_on_two_items_is_two_pending_reservations_and_settling_one_leaves_the_other()
    {
        var pending = new PendingReservations();
        pending.Apply(new StockReserved("item-1", "order", "alice", 1, Until));
        pending.Apply(new StockReserved("item-2", "order", "bob", 2, Until.AddMinutes(1)));

        pending.Count.ShouldBe(2);
        pending.Apply(new PaymentConfirmed("item-1", "order", "alice", 1, "psp-1", Until.AddMinutes(-1)));

        pending.IsPending("item-1", "order").ShouldBeFalse();
        pending.IsPending("item-2", "order").ShouldBeTrue();
        pending.DueAt(Until.AddMinutes(2)).ShouldHaveSingleItem().ShouldBe(new Reservation("item-2", "order", "bob", 2, Until.AddMinutes(1)));
    }

    [Fact]
    public void a_started_charge_is_remembered_for_its_own_reservation_only()
    {
        var pending = new PendingReservations();
        pending.Apply(new StockReserved("item", "order", "alice", 1, Until, Retry: 1));
        pending.Apply(new ChargeStarted("item", "order", "item/order/0", Until.AddMinutes(-5), Retry: 0));
        pending.All.ShouldHaveSingleItem().ChargeStarted.ShouldBeFalse();

        pending.Apply(new ChargeStarted("item", "order", "item/order/1", Until.AddMinutes(-4), Retry: 1));

        pending.All.ShouldHaveSingleItem().ChargeStarted.ShouldBeTrue();
    }

    [Fact]
    public void a_reservation_is_claimed_for_one_charge_until_the_claim_is_given_back()
    {
        var pending = new PendingReservations();
        var reservation = pending.Apply(new StockReserved("item", "order", "alice", 1, Until))!;

        pending.TryClaim(reservation).ShouldBeTrue();
        pending.TryClaim(reservation).ShouldBeFalse();
        pending.Unclaim(reservation);
        pending.TryClaim(reservation).ShouldBeTrue();
        pending.Apply(new PaymentTimedOut("item", "order", TimeoutCauses.GatewayTimeout, Until));
        pending.TryClaim(reservation).ShouldBeFalse("settled");
    }
}

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

    [Fact]
    public void of_many_pending_reservations_only_the_due_ones_are_due_earliest_deadline_first()
    {
        var pending = new PendingReservations();
        foreach (var i in Enumerable.Range(0, 10_000)) pending.Apply(new StockReserved($"item-{i % 7}", $"later-{i}", "alice", 1, Until.AddMinutes(10 + i % 50)));
        pending.Apply(new StockReserved("item-2", "second", "bob", 1, Until.AddSeconds(-5)));
        pending.Apply(new StockReserved("item-1", "first", "carol", 1, Until.AddSeconds(-30)));
        pending.Apply(new StockReserved("item-1", "on-the-second", "dave", 1, Until));

        pending.DueAt(Until).Select(r => r.OrderId).ShouldBe(["first", "second", "on-the-second"]);
        pending.DueAt(Until.AddMinutes(10)).Count.ShouldBe(3 + 10_000 / 50);
        pending.DueAt(Until.AddSeconds(-31)).ShouldBeEmpty();
    }

    [Fact]
    public void a_reservation_settled_before_its_deadline_is_never_due()
    {
        var pending = new PendingReservations();
        pending.Apply(new StockReserved("item", "paid", "alice", 1, Until));
        pending.Apply(new StockReserved("item", "unpaid", "bob", 1, Until));
        pending.Apply(new PaymentConfirmed("item", "paid", "alice", 1, "psp-1", Until.AddMinutes(-1)));

        pending.DueAt(Until.AddHours(1)).ShouldHaveSingleItem().OrderId.ShouldBe("unpaid");
        pending.Apply(new PaymentTimedOut("item", "unpaid", TimeoutCauses.DeadlinePassed, Until.AddHours(1)));
        pending.DueAt(Until.AddHours(1)).ShouldBeEmpty();
    }

    [Fact]
    public void a_retried_reservation_is_due_at_its_new_deadline_only_and_as_it_now_stands()
    {
        var pending = new PendingReservations();
        pending.Apply(new StockReserved("item", "order", "alice", 1, Until));
        pending.Apply(new PaymentTimedOut("item", "order", TimeoutCauses.DeadlinePassed, Until));
        pending.Apply(new StockReserved("item", "order", "alice", 1, Until.AddMinutes(10), Retry: 1));
        pending.Restore(new Reservation("item", "restored", "bob", 1, Until.AddMinutes(1)));
        pending.Restore(new Reservation("item", "restored", "bob", 1, Until.AddMinutes(20), Retry: 2));

        pending.DueAt(Until.AddMinutes(5)).ShouldBeEmpty();
        pending.Apply(new ChargeStarted("item", "order", "item/order/1", Until.AddMinutes(2), Retry: 1));
        pending.DueAt(Until.AddMinutes(10)).ShouldHaveSingleItem().ShouldBe(
            new Reservation("item", "order", "alice", 1, Until.AddMinutes(10), Retry: 1, ChargeStarted: true));
        pending.DueAt(Until.AddMinutes(20)).Select(r => r.OrderId).ShouldBe(["order", "restored"]);
    }
}

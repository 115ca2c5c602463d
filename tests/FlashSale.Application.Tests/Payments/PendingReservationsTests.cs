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
        var reservation = pending.Apply(new StockReserved("item", "order", "alice", 1, Until))!.Value;

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
    [Fact]
    public void a_reservation_settled_and_reserved_again_at_the_same_deadline_is_due_once()
    {
        var pending = new PendingReservations();
        pending.Apply(new StockReserved("item", "order", "alice", 1, Until));
        pending.Apply(new PaymentTimedOut("item", "order", TimeoutCauses.GatewayTimeout, Until.AddMinutes(-5)));
        pending.Apply(new StockReserved("item", "order", "alice", 1, Until, Retry: 1));

        pending.DueAt(Until).ShouldHaveSingleItem().Retry.ShouldBe(1);
        pending.DueAt(Until.AddMinutes(1)).ShouldHaveSingleItem().Retry.ShouldBe(1);
    }

    /// <summary>The deadlines of settled or re-reserved reservations stay behind in the heap (ADR 0038) and are dropped,
    /// also when most orders are paid in time and the heap is rebuilt: at every look exactly the pending reservations
    /// whose window has passed are due, as they now stand, earliest first, as a plain scan of every pending one says.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void at_every_look_exactly_the_pending_reservations_past_their_window_are_due_whatever_happened_before(int seed)
    {
        var random = new Random(seed);
        var pending = new PendingReservations();
        var model = new Dictionary<(string, string), Reservation>();
        var now = Until;
        // Few orders, many of them paid while their long windows are open: the heap fills with deadlines nobody waits for
        // and is rebuilt many times, between looks that found some of them due.
        for (var step = 0; step < 40_000; step++)
        {
            var (item, order) = ($"item-{random.Next(3)}", $"order-{random.Next(200)}");
            Reservation? current = model.TryGetValue((item, order), out var held) ? held : null;
            switch (random.Next(10))
            {
                case < 3 or 6:
                    var window = random.Next(2) == 0 ? random.Next(-5, 30) : random.Next(300, 900);
                    var until = current is { } was && random.Next(3) == 0 ? was.ReservedUntil : now.AddSeconds(window);
                    var retry = (current?.Retry ?? 0) + random.Next(2);
                    pending.Apply(new StockReserved(item, order, "alice", 1, until, retry));
                    model[(item, order)] = new Reservation(item, order, "alice", 1, until, retry);
                    break;
                case 3 when current is { } charged:
                    pending.Apply(new ChargeStarted(item, order, "key", now, charged.Retry));
                    model[(item, order)] = charged with { ChargeStarted = true };
                    break;
                case < 6:
                    pending.Apply(new PaymentConfirmed(item, order, "alice", 1, "psp", now));
                    model.Remove((item, order));
                    break;
                case 7:
                    pending.Apply(new PaymentTimedOut(item, order, TimeoutCauses.DeadlinePassed, now));
                    model.Remove((item, order));
                    break;
                default:
                    now = now.AddSeconds(random.Next(0, 2));
                    var expected = model.Values.Where(r => r.ReservedUntil <= now)
                        .OrderBy(r => r.ReservedUntil).ThenBy(r => r.ItemId, StringComparer.Ordinal).ThenBy(r => r.OrderId, StringComparer.Ordinal);
                    pending.DueAt(now).ToList().ShouldBe(expected.ToList(), $"step {step}");
                    break;
            }
        }
        pending.Count.ShouldBe(model.Count);
        pending.All.ShouldBe(model.Values, ignoreOrder: true);
        pending.DueAt(now.AddHours(1)).Count.ShouldBe(model.Count, "every pending reservation comes due");
    }
}

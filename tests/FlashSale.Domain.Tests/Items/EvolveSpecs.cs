using FlashSale.Domain.Items;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class EvolveSpecs
{
    [Fact]
    public void given_no_events_the_item_is_unlisted() =>
        ItemDecider.Fold([]).ShouldBeOfType<Unlisted>();

    [Fact]
    public void given_a_restock_before_listing_the_item_is_still_unlisted() =>
        ItemDecider.Fold([new ItemRestocked(ItemId, 5, "early", Now)]).ShouldBeOfType<Unlisted>();

    [Fact]
    public void given_sale_item_listed_the_item_is_listed_with_full_stock_and_no_orders()
    {
        var item = ItemDecider.Fold([ItemListed(stock: 7, perUserLimit: 3)]).ShouldBeOfType<Listed>();

        item.ShouldSatisfyAllConditions(
            () => item.Available.ShouldBe(7),
            () => item.InitialStock.ShouldBe(7),
            () => item.Restocked.ShouldBe(0),
            () => item.PerUserLimit.ShouldBe(3),
            () => item.SaleStartsAt.ShouldBe(StartsAt),
            () => item.SaleEndsAt.ShouldBe(EndsAt),
            () => item.PaymentWindowSeconds.ShouldBe(PaymentWindowSeconds),
            () => item.Orders.ShouldBeEmpty(),
            () => item.Holdings.ShouldBeEmpty());
    }

    [Fact]
    public void given_a_timed_out_reservation_releasing_its_stock_lowers_the_users_holding_and_returns_the_stock()
    {
        var reserved = ItemDecider.Fold([ItemListed(stock: 5), .. Reserved("o-1", "alice", 2)]).ShouldBeOfType<Listed>();
        var released = ItemDecider.Fold(TimedOut("o-1", "alice", 2), reserved).ShouldBeOfType<Listed>();

        reserved.HeldBy("alice").ShouldBe(2);
        reserved.Available.ShouldBe(3);
        released.HeldBy("alice").ShouldBe(0);
        released.Available.ShouldBe(5);
        released.Orders["o-1"].Status.ShouldBe(OrderStatus.TimedOut);
    }

    [Fact]
    public void given_a_paid_order_its_units_stay_held_by_the_buyer()
    {
        var item = ItemDecider.Fold([ItemListed(stock: 5), .. Reserved("o-1", "alice", 2), Paid("o-1", "alice", 2)])
            .ShouldBeOfType<Listed>();

        item.HeldBy("alice").ShouldBe(2);
        item.Available.ShouldBe(3);
    }

    [Fact]
    public void given_a_realistic_history_availability_holdings_and_orders_match()
    {
        var item = ItemDecider.Fold(
        [
            ItemListed(stock: 4, perUserLimit: 2),
            .. Reserved("o-1", "alice", 2), Paid("o-1", "alice", 2),
            .. Reserved("o-2", "bob", 2),
            .. Rejected("o-3", "carol", 1, RejectionReasons.SoldOut),
            .. TimedOut("o-2", "bob", 2),
            .. Reserved("o-4", "carol", 1),
            .. Rejected("o-5", "alice", 1, RejectionReasons.PerUserLimit),
            new ItemRestocked(ItemId, 3, "restock", Now),
        ]).ShouldBeOfType<Listed>();

        item.Available.ShouldBe(4);
        item.InitialStock.ShouldBe(4);
        item.Restocked.ShouldBe(3);
        item.HeldBy("alice").ShouldBe(2);
        item.HeldBy("bob").ShouldBe(0);
        item.HeldBy("carol").ShouldBe(1);
        item.Orders.Count.ShouldBe(5);
        item.Orders["o-1"].ShouldBe(new OrderRecord("o-1", "alice", 2, OrderStatus.Confirmed, Deadline, null, "pay-o-1"));
        item.Orders["o-2"].ShouldBe(new OrderRecord("o-2", "bob", 2, OrderStatus.TimedOut, Deadline, null, null));
        item.Orders["o-3"].ShouldBe(new OrderRecord("o-3", "carol", 1, OrderStatus.Rejected, null, RejectionReasons.SoldOut, null));
        item.Orders["o-4"].ShouldBe(new OrderRecord("o-4", "carol", 1, OrderStatus.Reserved, Deadline, null, null));
        item.Orders["o-5"].ShouldBe(new OrderRecord("o-5", "alice", 1, OrderStatus.Rejected, null, RejectionReasons.PerUserLimit, null));
    }

    [Fact]
    public void given_a_seeded_flash_sale_rush_availability_never_goes_negative_and_stock_balances()
    {
        var random = new Random(20261123);
        var item = ItemDecider.Fold([ItemListed(stock: 5, perUserLimit: 2)]).ShouldBeOfType<Listed>();
        var (reservations, soldOut, retried) = (0, 0, 0);

        for (var step = 0; step < 500; step++)
        {
            var now = Now.AddSeconds(step);
            var orderId = $"o-{random.Next(120)}";
            ItemCommand command = random.Next(12) switch
            {
                < 6 => new PlaceOrder(ItemId, orderId, $"user-{random.Next(15)}", random.Next(1, 3), now),
                6 => new ConfirmPayment(ItemId, orderId, $"pay-{step}", now),
                7 => new TimeOutPayment(ItemId, orderId, TimeoutCauses.GatewayTimeout, now),
                8 => new TimeOutPayment(ItemId, orderId, TimeoutCauses.DeadlinePassed, now),
                9 => new RetryDeadLetter(ItemId, orderId, "operator", now),
                10 => new DiscardDeadLetter(ItemId, orderId, "gave up", "operator", now),
                _ => new RestockItem(ItemId, random.Next(1, 3), "restock", now),
            };

            ItemEvent[] decided;
            try { decided = ItemDecider.Decide(command, item); }
            catch (DomainException) { continue; }

            foreach (var @event in decided)
            {
                item = ItemDecider.Evolve(item, @event).ShouldBeOfType<Listed>();
                item.Available.ShouldBeGreaterThanOrEqualTo(0, $"after {@event}");
                item.Available.ShouldBe(item.InitialStock + item.Restocked - item.Holdings.Values.Sum(), $"after {@event}");
                item.Holdings.Values.ShouldAllBe(held => held >= 0 && held <= item.PerUserLimit, $"after {@event}");
                reservations += @event is StockReserved ? 1 : 0;
                soldOut += @event is OrderRejected { Reason: RejectionReasons.SoldOut } ? 1 : 0;
                retried += @event is StockReserved { Retry: > 0 } ? 1 : 0;
            }
        }

        reservations.ShouldBeGreaterThan(0);
        soldOut.ShouldBeGreaterThan(0, "the rush should run the item out of stock at least once");
        retried.ShouldBeGreaterThan(0, "operators should re-reserve at least one dead letter");
    }
}

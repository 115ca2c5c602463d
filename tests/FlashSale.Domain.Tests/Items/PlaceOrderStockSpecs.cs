using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class PlaceOrderStockSpecs
{
    [Fact]
    public void given_a_listed_item_the_last_unit_is_reserved_and_sold_out()
    {
        ItemEvent[] history = [ItemListed(stock: 3), .. Reserved("o-1", "alice", 2)];

        Spec.Given(history)
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new StockReserved(ItemId, "o-2", "bob", 1, Deadline));

        Spec.Given([.. history, .. Reserved("o-2", "bob")])
            .When(new PlaceOrder(ItemId, "o-3", "carol", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-3", "carol", 1, Now),
                new OrderRejected(ItemId, "o-3", "carol", 1, RejectionReasons.SoldOut, Now));
    }

    [Fact]
    public void given_a_sold_out_item_an_order_is_rejected_as_sold_out() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new OrderRejected(ItemId, "o-2", "bob", 1, RejectionReasons.SoldOut, Now));

    [Fact]
    public void given_one_unit_left_an_order_for_two_is_rejected_as_sold_out() =>
        Spec.Given([ItemListed(stock: 2), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 2, Now),
                new OrderRejected(ItemId, "o-2", "bob", 2, RejectionReasons.SoldOut, Now));

    [Fact]
    public void given_a_user_at_the_limit_on_a_sold_out_item_their_order_is_rejected_as_per_user_limit_first() =>
        Spec.Given([ItemListed(stock: 2, perUserLimit: 2), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 1, Now),
                new OrderRejected(ItemId, "o-2", "alice", 1, RejectionReasons.PerUserLimit, Now));

    [Fact]
    public void given_an_item_restocked_after_selling_out_an_order_is_reserved() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), new ItemRestocked(ItemId, 1, "restock", Now)])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new StockReserved(ItemId, "o-2", "bob", 1, Deadline));

    [Fact]
    public void given_a_sold_out_item_whose_reservation_timed_out_another_user_reserves_the_released_stock() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new StockReserved(ItemId, "o-2", "bob", 1, Deadline));

    [Fact]
    public void given_a_users_reservation_timed_out_they_can_order_up_to_the_limit_again() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice", 2), .. TimedOut("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 2, Now),
                new StockReserved(ItemId, "o-2", "alice", 2, Deadline));
}

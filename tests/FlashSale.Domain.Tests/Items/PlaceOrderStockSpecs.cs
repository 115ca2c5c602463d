using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class PlaceOrderStockSpecs
{
    [Fact]
    public void GivenListedItem_WhenLastUnitOrdered_ThenReservedAndSoldOut()
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
    public void GivenSoldOutItem_WhenOrderPlaced_ThenRejectedSoldOut() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new OrderRejected(ItemId, "o-2", "bob", 1, RejectionReasons.SoldOut, Now));

    [Fact]
    public void GivenOneUnitLeft_WhenTwoUnitsOrdered_ThenRejectedSoldOut() =>
        Spec.Given([ItemListed(stock: 2), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 2, Now),
                new OrderRejected(ItemId, "o-2", "bob", 2, RejectionReasons.SoldOut, Now));

    [Fact]
    public void GivenUserAtLimitOnSoldOutItem_WhenSameUserOrders_ThenRejectedPerUserLimitFirst() =>
        Spec.Given([ItemListed(stock: 2, perUserLimit: 2), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 1, Now),
                new OrderRejected(ItemId, "o-2", "alice", 1, RejectionReasons.PerUserLimit, Now));

    [Fact]
    public void GivenRestockedAfterSoldOut_WhenOrderPlaced_ThenReserved() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), new ItemRestocked(ItemId, 1, "restock", Now)])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new StockReserved(ItemId, "o-2", "bob", 1, Deadline));

    [Fact]
    public void GivenSoldOutItemWhoseReservationTimedOut_WhenAnotherUserOrders_ThenReleasedStockReserved() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new StockReserved(ItemId, "o-2", "bob", 1, Deadline));

    [Fact]
    public void GivenUsersReservationTimedOut_WhenSameUserOrdersUpToLimitAgain_ThenReserved() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice", 2), .. TimedOut("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 2, Now),
                new StockReserved(ItemId, "o-2", "alice", 2, Deadline));
}

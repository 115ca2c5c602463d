using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>A client retrying an order must get the first answer again, never a second reservation.</summary>
public class PlaceOrderRepeatSpecs
{
    [Fact]
    public void GivenReservedOrder_WhenSameOrderRepeated_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 2, Now.AddSeconds(5)))
            .ThenNothing();

    [Fact]
    public void GivenRejectedOrder_WhenSameOrderRepeatedAfterRestock_ThenNothing() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut),
                new ItemRestocked(ItemId, 5, "restock", Now)])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void GivenConfirmedOrder_WhenSameOrderRepeated_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void GivenTimedOutOrder_WhenSameOrderRepeated_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void GivenReservedOrder_WhenOrderIdReusedByAnotherUser_ThenRejectsOrderIdReused() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-1", "bob", 1, Now))
            .ThenRejects(DomainErrors.OrderIdReused);

    [Fact]
    public void GivenReservedOrder_WhenOrderIdReusedWithAnotherQuantity_ThenRejectsOrderIdReused() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 2, Now))
            .ThenRejects(DomainErrors.OrderIdReused);

    [Fact]
    public void GivenRejectedOrder_WhenOrderIdReusedByAnotherUser_ThenRejectsOrderIdReused() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new PlaceOrder(ItemId, "o-1", "bob", 1, Now))
            .ThenRejects(DomainErrors.OrderIdReused);
}

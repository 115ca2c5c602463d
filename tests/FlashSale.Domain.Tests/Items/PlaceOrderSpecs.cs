using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class PlaceOrderSpecs
{
    [Fact]
    public void GivenUnlistedItem_WhenOrderPlaced_ThenRejectsItemNotFound() =>
        Spec.Given()
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void GivenListedItem_WhenOrderPlacedDuringSale_ThenReservedUntilPaymentDeadline() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 2, Now),
                new StockReserved(ItemId, "o-1", "alice", 2, Now.AddSeconds(PaymentWindowSeconds)));

    [Fact]
    public void GivenItemWithoutSaleWindow_WhenOrderPlacedAnyTime_ThenReserved() =>
        Spec.Given(new SaleItemListed(ItemId, Name, 5, 2, null, null, 60, Now))
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now.AddYears(5)))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, Now.AddYears(5)),
                new StockReserved(ItemId, "o-1", "alice", 1, Now.AddYears(5).AddSeconds(60)));

    [Fact]
    public void GivenListedItem_WhenOrderPlacedBeforeSaleStarts_ThenRejectedSaleNotActive() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, StartsAt.AddTicks(-1)))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, StartsAt.AddTicks(-1)),
                new OrderRejected(ItemId, "o-1", "alice", 1, RejectionReasons.SaleNotActive, StartsAt.AddTicks(-1)));

    [Fact]
    public void GivenListedItem_WhenOrderPlacedExactlyAtSaleStart_ThenReserved() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, StartsAt))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, StartsAt),
                new StockReserved(ItemId, "o-1", "alice", 1, StartsAt.AddSeconds(PaymentWindowSeconds)));

    [Fact]
    public void GivenListedItem_WhenOrderPlacedExactlyAtSaleEnd_ThenRejectedSaleNotActive() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, EndsAt))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, EndsAt),
                new OrderRejected(ItemId, "o-1", "alice", 1, RejectionReasons.SaleNotActive, EndsAt));

    [Fact]
    public void GivenSoldOutItem_WhenOrderPlacedAfterSaleEnded_ThenRejectedSaleNotActiveFirst() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, EndsAt.AddHours(1)))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, EndsAt.AddHours(1)),
                new OrderRejected(ItemId, "o-2", "bob", 1, RejectionReasons.SaleNotActive, EndsAt.AddHours(1)));

    [Fact]
    public void GivenListedItem_WhenQuantityAbovePerUserLimit_ThenRejectsQuantityAboveLimit() =>
        Spec.Given(ItemListed(perUserLimit: 2))
            .When(new PlaceOrder(ItemId, "o-1", "alice", 3, Now))
            .ThenRejects(DomainErrors.QuantityAbovePerUserLimit);

    [Fact]
    public void GivenUserHoldsLimit_WhenSameUserOrdersAgain_ThenRejectedPerUserLimit() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 1, Now),
                new OrderRejected(ItemId, "o-2", "alice", 1, RejectionReasons.PerUserLimit, Now));

    [Fact]
    public void GivenUserPaidForOneUnit_WhenOrderingTwoMore_ThenRejectedPerUserLimit() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 2, Now),
                new OrderRejected(ItemId, "o-2", "alice", 2, RejectionReasons.PerUserLimit, Now));

    [Fact]
    public void GivenAnotherUserHoldsLimit_WhenOrderPlaced_ThenReserved() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 2, Now),
                new StockReserved(ItemId, "o-2", "bob", 2, Deadline));
}

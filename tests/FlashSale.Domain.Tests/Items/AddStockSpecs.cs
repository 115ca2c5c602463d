using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class AddStockSpecs
{
    [Fact]
    public void GivenUnlistedItem_WhenStockAdded_ThenRejectsItemNotFound() =>
        Spec.Given()
            .When(new RestockItem(ItemId, 5, "restock", Now))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void GivenListedItem_WhenStockAdded_ThenStockAdded() =>
        Spec.Given(ItemListed())
            .When(new RestockItem(ItemId, 5, "restock", Now))
            .Then(new ItemRestocked(ItemId, 5, "restock", Now));

    [Fact]
    public void GivenSoldOutItem_WhenStockAdded_ThenStockAdded() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new RestockItem(ItemId, 3, "late delivery", Now))
            .Then(new ItemRestocked(ItemId, 3, "late delivery", Now));

    [Fact]
    public void GivenSaleEnded_WhenStockAdded_ThenStockAdded() =>
        Spec.Given(ItemListed())
            .When(new RestockItem(ItemId, 1, "returned unit", EndsAt.AddDays(1)))
            .Then(new ItemRestocked(ItemId, 1, "returned unit", EndsAt.AddDays(1)));
}

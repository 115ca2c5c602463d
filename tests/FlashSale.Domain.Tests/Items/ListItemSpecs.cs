using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class ListItemSpecs
{
    [Fact]
    public void GivenUnlistedItem_WhenListed_ThenSaleItemListed() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 10, 2, StartsAt, EndsAt, PaymentWindowSeconds, Now))
            .Then(new SaleItemListed(ItemId, Name, 10, 2, StartsAt, EndsAt, PaymentWindowSeconds, Now));

    [Fact]
    public void GivenUnlistedItem_WhenListedWithoutSaleWindow_ThenListedWithOpenWindow() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 3, 1, null, null, 60, Now))
            .Then(new SaleItemListed(ItemId, Name, 3, 1, null, null, 60, Now));

    [Fact]
    public void GivenListedItem_WhenListedAgain_ThenRejectsAlreadyListed() =>
        Spec.Given(ItemListed())
            .When(new ListItem(ItemId, Name, 10, 2, StartsAt, EndsAt, PaymentWindowSeconds, Now))
            .ThenRejects(DomainErrors.ItemAlreadyListed);

    [Fact]
    public void GivenSoldOutItem_WhenListedAgain_ThenRejectsAlreadyListed() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new ListItem(ItemId, "Restocked name", 50, 5, null, null, 60, Now))
            .ThenRejects(DomainErrors.ItemAlreadyListed);
}

using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class ListItemSpecs
{
    [Fact]
    public void given_an_unlisted_item_listing_it_records_sale_item_listed() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 10, 2, StartsAt, EndsAt, PaymentWindowSeconds, Now))
            .Then(new SaleItemListed(ItemId, Name, 10, 2, StartsAt, EndsAt, PaymentWindowSeconds, Now));

    [Fact]
    public void given_an_unlisted_item_listing_it_without_a_sale_window_leaves_the_window_open() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 3, 1, null, null, 60, Now))
            .Then(new SaleItemListed(ItemId, Name, 3, 1, null, null, 60, Now));

    [Fact]
    public void given_a_listed_item_listing_it_again_is_refused_as_already_listed() =>
        Spec.Given(ItemListed())
            .When(new ListItem(ItemId, Name, 10, 2, StartsAt, EndsAt, PaymentWindowSeconds, Now))
            .ThenRejects(DomainErrors.ItemAlreadyListed);

    [Fact]
    public void given_a_sold_out_item_listing_it_again_is_refused_as_already_listed() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new ListItem(ItemId, "Restocked name", 50, 5, null, null, 60, Now))
            .ThenRejects(DomainErrors.ItemAlreadyListed);
}

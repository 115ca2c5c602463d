using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class RestockItemSpecs
{
    [Fact]
    public void given_an_unlisted_item_a_restock_is_refused_as_item_not_found() =>
        Spec.Given()
            .When(new RestockItem(ItemId, 5, "restock", Now))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void given_a_listed_item_a_restock_records_item_restocked() =>
        Spec.Given(ItemListed())
            .When(new RestockItem(ItemId, 5, "restock", Now))
            .Then(new ItemRestocked(ItemId, 5, "restock", Now));

    [Fact]
    public void given_a_sold_out_item_a_restock_records_item_restocked() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new RestockItem(ItemId, 3, "late delivery", Now))
            .Then(new ItemRestocked(ItemId, 3, "late delivery", Now));

    [Fact]
    public void given_an_ended_sale_a_restock_records_item_restocked() =>
        Spec.Given(ItemListed())
            .When(new RestockItem(ItemId, 1, "returned unit", EndsAt.AddDays(1)))
            .Then(new ItemRestocked(ItemId, 1, "returned unit", EndsAt.AddDays(1)));
}

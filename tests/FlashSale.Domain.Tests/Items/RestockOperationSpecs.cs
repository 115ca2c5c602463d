using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>A restock's operation id makes a retried restock (after a timeout or a 503) add its stock once.</summary>
public class RestockOperationSpecs
{
    private static readonly ItemRestocked FirstRestock = new(ItemId, 5, "delivery", Now, "op-1");

    [Fact]
    public void given_a_listed_item_a_restock_with_an_operation_id_records_it_on_the_event() =>
        Spec.Given(ItemListed())
            .When(new RestockItem(ItemId, 5, "delivery", Now, "op-1"))
            .Then(FirstRestock);

    [Fact]
    public void given_a_restock_with_an_operation_id_the_same_restock_again_adds_nothing() =>
        Spec.Given(ItemListed(), FirstRestock)
            .When(new RestockItem(ItemId, 5, "delivery (retried)", Now.AddSeconds(3), "op-1"))
            .ThenNothing();

    [Fact]
    public void given_a_restock_with_an_operation_id_the_same_id_with_another_quantity_is_refused() =>
        Spec.Given(ItemListed(), FirstRestock)
            .When(new RestockItem(ItemId, 6, "delivery", Now, "op-1"))
            .ThenRejects(DomainErrors.RestockOperationReused);

    [Fact]
    public void given_a_restock_with_an_operation_id_another_id_restocks_again() =>
        Spec.Given(ItemListed(), FirstRestock)
            .When(new RestockItem(ItemId, 5, "delivery", Now, "op-2"))
            .Then(new ItemRestocked(ItemId, 5, "delivery", Now, "op-2"));

    [Fact]
    public void given_a_restock_without_an_operation_id_the_same_restock_again_adds_stock_again() =>
        Spec.Given(ItemListed(), new ItemRestocked(ItemId, 5, "delivery", Now))
            .When(new RestockItem(ItemId, 5, "delivery", Now))
            .Then(new ItemRestocked(ItemId, 5, "delivery", Now));

    [Fact]
    public void given_a_restock_with_an_operation_id_the_item_remembers_what_it_answered() =>
        ItemDecider.Fold([ItemListed(stock: 10), .. Reserved("o-1", "alice"), FirstRestock, .. Reserved("o-2", "bob")])
            .ShouldBeOfType<Listed>().Restocks["op-1"].ShouldBe(new RestockRecord("op-1", 5, AvailableAfter: 14));
}

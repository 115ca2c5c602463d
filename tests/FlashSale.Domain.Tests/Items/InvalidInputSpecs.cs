using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>The domain guards its invariants itself, whatever the edge validated.</summary>
public class InvalidInputSpecs
{
    [Theory]
    [InlineData(-1, 1, 300)]
    [InlineData(10, 0, 300)]
    [InlineData(10, 1, 0)]
    public void given_an_unlisted_item_listing_it_with_impossible_terms_is_refused_as_invalid_listing(int stock, int limit, int window) =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, stock, limit, null, null, window, Now))
            .ThenRejects(DomainErrors.InvalidListing);

    [Fact]
    public void given_an_unlisted_item_a_sale_ending_before_it_starts_is_refused_as_invalid_listing() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 10, 1, EndsAt, StartsAt, 300, Now))
            .ThenRejects(DomainErrors.InvalidListing);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void given_a_listed_item_a_restock_of_a_non_positive_quantity_is_refused_as_invalid_quantity(int quantity) =>
        Spec.Given(ItemListed())
            .When(new RestockItem(ItemId, quantity, "typo", Now))
            .ThenRejects(DomainErrors.InvalidQuantity);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void given_a_listed_item_an_order_of_a_non_positive_quantity_is_refused_as_invalid_quantity(int quantity) =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", quantity, Now))
            .ThenRejects(DomainErrors.InvalidQuantity);

    [Fact]
    public void given_a_listed_item_an_outcome_event_of_an_unknown_order_is_ignored()
    {
        var state = ItemDecider.Fold([ItemListed(), new PaymentConfirmed(ItemId, "ghost", "u", 1, "ref", Now)]);
        state.ShouldBeOfType<Listed>().Orders.ShouldBeEmpty();
    }
}

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
    public void GivenUnlistedItem_WhenListedWithImpossibleTerms_ThenRejectsInvalidListing(int stock, int limit, int window) =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, stock, limit, null, null, window, Now))
            .ThenRejects(DomainErrors.InvalidListing);

    [Fact]
    public void GivenUnlistedItem_WhenSaleEndsBeforeItStarts_ThenRejectsInvalidListing() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 10, 1, EndsAt, StartsAt, 300, Now))
            .ThenRejects(DomainErrors.InvalidListing);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void GivenListedItem_WhenRestockedWithNonPositiveQuantity_ThenRejectsInvalidQuantity(int quantity) =>
        Spec.Given(ItemListed())
            .When(new RestockItem(ItemId, quantity, "typo", Now))
            .ThenRejects(DomainErrors.InvalidQuantity);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void GivenListedItem_WhenOrderedWithNonPositiveQuantity_ThenRejectsInvalidQuantity(int quantity) =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", quantity, Now))
            .ThenRejects(DomainErrors.InvalidQuantity);

    [Fact]
    public void GivenListedItem_WhenOutcomeEventOfUnknownOrderIsConfirmed_ThenStateIgnoresIt()
    {
        var state = ItemDecider.Fold([ItemListed(), new PaymentConfirmed(ItemId, "ghost", "u", 1, "ref", Now)]);
        state.ShouldBeOfType<Listed>().Orders.ShouldBeEmpty();
    }
}

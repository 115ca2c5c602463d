using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>A sale window that is over refuses the listing; a rejection outside the window remembers which side it was on.</summary>
public class SaleWindowSpecs
{
    [Fact]
    public void given_an_unlisted_item_listing_it_with_a_sale_that_has_already_ended_is_refused_as_sale_already_ended() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 10, 2, Now.AddHours(-2), Now.AddHours(-1), PaymentWindowSeconds, Now))
            .ThenRejects(DomainErrors.SaleAlreadyEnded);

    [Fact]
    public void given_an_unlisted_item_listing_it_with_a_sale_ending_this_instant_is_refused_as_sale_already_ended() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 10, 2, null, Now, PaymentWindowSeconds, Now))
            .ThenRejects(DomainErrors.SaleAlreadyEnded);

    [Fact]
    public void given_an_unlisted_item_listing_it_with_a_sale_that_started_but_has_not_ended_lists_it() =>
        Spec.Given()
            .When(new ListItem(ItemId, Name, 10, 2, Now.AddHours(-1), Now.AddTicks(1), PaymentWindowSeconds, Now))
            .Then(new SaleItemListed(ItemId, Name, 10, 2, Now.AddHours(-1), Now.AddTicks(1), PaymentWindowSeconds, Now));

    [Fact]
    public void the_refusal_names_when_the_sale_ended_and_the_time_now() =>
        Should.Throw<DomainException>(() => ItemDecider.Decide(
                new ListItem(ItemId, Name, 10, 2, null, Now.AddHours(-1), PaymentWindowSeconds, Now), ItemState.Initial))
            .Message.ShouldContain("ends at 2026-11-23T11:00:00Z, which has already passed (it is 2026-11-23T12:00:00Z)");

    [Fact]
    public void given_orders_rejected_before_and_after_the_sale_the_item_remembers_that_it_had_not_started_or_had_ended_and_when()
    {
        var item = ItemDecider.Fold([ItemListed(), .. Placed("early", StartsAt.AddTicks(-1)), .. Placed("late", EndsAt.AddMinutes(5)),
            .. Rejected("sold-out", "carol", 1, RejectionReasons.SoldOut)]).ShouldBeOfType<Listed>();

        item.ClosedSaleRejections["early"].ShouldBe(new SaleClosed(Ended: false, StartsAt));
        item.ClosedSaleRejections["late"].ShouldBe(new SaleClosed(Ended: true, EndsAt));
        item.ClosedSaleRejections.ContainsKey("sold-out").ShouldBeFalse();
    }

    private static ItemEvent[] Placed(string orderId, DateTimeOffset at) =>
        ItemDecider.Decide(new PlaceOrder(ItemId, orderId, orderId, 1, at), ItemDecider.Fold([ItemListed()]));
}

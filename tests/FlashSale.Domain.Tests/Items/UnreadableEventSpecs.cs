using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>An event of the stream this version cannot read blocks its item until an operator skips it (adr/0010).</summary>
public class UnreadableEventSpecs
{
    private static readonly EventUnreadable Unreadable = new(ItemId, 3, "17", "V1.StockReserved", "'x' is an invalid start of a value.");

    private static SkipUnreadableEvent Skip(string position = "17") => new(ItemId, position, "bad import", Operator, RetriedAt);

    private static readonly UnreadableEventSkipped Skipped = new(ItemId, 3, "17", "V1.StockReserved", "bad import", Operator, RetriedAt);

    [Fact]
    public void given_an_unreadable_event_an_order_is_refused_as_item_unreadable() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Unreadable])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .ThenRejects(DomainErrors.ItemUnreadable);

    [Fact]
    public void given_an_unreadable_event_a_restock_is_refused_as_item_unreadable() =>
        Spec.Given(ItemListed(), Unreadable)
            .When(new RestockItem(ItemId, 1, "more", Now))
            .ThenRejects(DomainErrors.ItemUnreadable);

    [Fact]
    public void given_an_unreadable_event_skipping_it_at_its_position_records_the_skip() =>
        Spec.Given(ItemListed(), Unreadable)
            .When(Skip())
            .Then(Skipped);

    [Fact]
    public void given_an_unreadable_event_skipping_another_position_is_refused() =>
        Spec.Given(ItemListed(), Unreadable)
            .When(Skip("18"))
            .ThenRejects(DomainErrors.NoUnreadableEvent);

    [Fact]
    public void given_a_readable_item_skipping_is_refused() =>
        Spec.Given(ItemListed())
            .When(Skip())
            .ThenRejects(DomainErrors.NoUnreadableEvent);

    [Fact]
    public void given_a_skipped_unreadable_event_the_item_folds_every_other_event_and_takes_orders_again()
    {
        ItemEvent[] history = [ItemListed(stock: 2), Unreadable, .. Reserved("o-1", "alice"), Skipped];

        ItemDecider.Fold(history).ShouldBeOfType<Listed>().Available.ShouldBe(1);
        Spec.Given(history)
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Now),
                new StockReserved(ItemId, "o-2", "bob", 1, Deadline));
    }

    [Fact]
    public void given_two_unreadable_events_skipping_one_leaves_the_item_blocked_by_the_other() =>
        Spec.Given(ItemListed(), Unreadable, Unreadable with { Revision = 4, Position = "18" }, Skipped)
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Now))
            .ThenRejects(DomainErrors.ItemUnreadable);
}

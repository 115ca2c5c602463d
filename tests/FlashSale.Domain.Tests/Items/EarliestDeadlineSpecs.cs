using FlashSale.Domain.Items;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>The item keeps a lower bound of its reservations' payment deadlines, so deciding an order looks for expired
/// reservations only once that bound has passed, and raises it then.</summary>
public class EarliestDeadlineSpecs
{
    [Fact]
    public void given_no_reservation_the_item_has_no_earliest_deadline() =>
        ItemDecider.Fold([ItemListed(), .. Rejected("o-1", "alice", 1, RejectionReasons.SaleNotActive)])
            .ShouldBeOfType<Listed>().EarliestDeadline.ShouldBeNull();

    [Fact]
    public void given_reservations_the_earliest_deadline_is_the_first_ones() =>
        ItemDecider.Fold([ItemListed(), .. Reserved("o-1", "alice"), .. Later(Reserved("o-2", "bob"))])
            .ShouldBeOfType<Listed>().EarliestDeadline.ShouldBe(Deadline);

    [Fact]
    public void given_a_paid_first_reservation_an_order_after_its_deadline_raises_the_bound_to_the_next_open_one()
    {
        var item = ItemDecider.Fold([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1"), .. Later(Reserved("o-2", "bob"))]);
        var after = Deadline.AddSeconds(1);

        var placed = ItemDecider.Evolve(item, new OrderPlaced(ItemId, "o-3", "carol", 1, after)).ShouldBeOfType<Listed>();

        placed.EarliestDeadline.ShouldBe(Deadline.AddMinutes(1));
    }

    [Fact]
    public void given_only_settled_reservations_an_order_after_the_bound_clears_it() =>
        ItemDecider.Evolve(
                ItemDecider.Fold([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")]),
                new OrderPlaced(ItemId, "o-2", "bob", 1, Deadline))
            .ShouldBeOfType<Listed>().EarliestDeadline.ShouldBeNull();

    /// <summary>The same reservation made a minute later.</summary>
    private static ItemEvent[] Later(ItemEvent[] reserved) =>
    [
        ((OrderPlaced)reserved[0]) with { PlacedAt = Now.AddMinutes(1) },
        ((StockReserved)reserved[1]) with { ReservedUntil = Deadline.AddMinutes(1) },
    ];
}

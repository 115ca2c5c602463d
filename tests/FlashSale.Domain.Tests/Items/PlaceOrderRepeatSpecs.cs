using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>A client retrying an order must get the first answer again, never a second reservation.</summary>
public class PlaceOrderRepeatSpecs
{
    [Fact]
    public void given_a_reserved_order_repeating_it_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 2, Now.AddSeconds(5)))
            .ThenNothing();

    [Fact]
    public void given_a_rejected_order_repeating_it_after_a_restock_changes_nothing() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut),
                new ItemRestocked(ItemId, 5, "restock", Now)])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void given_a_confirmed_order_repeating_it_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void given_a_timed_out_order_repeating_it_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void given_a_reserved_order_its_id_reused_by_another_user_is_refused_as_id_reused() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-1", "bob", 1, Now))
            .ThenRejects(DomainErrors.OrderIdReused);

    [Fact]
    public void given_a_reserved_order_its_id_reused_with_another_quantity_is_refused_as_id_reused() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 2, Now))
            .ThenRejects(DomainErrors.OrderIdReused);

    [Fact]
    public void given_a_rejected_order_its_id_reused_by_another_user_is_refused_as_id_reused() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new PlaceOrder(ItemId, "o-1", "bob", 1, Now))
            .ThenRejects(DomainErrors.OrderIdReused);
}

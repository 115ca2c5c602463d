using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class PlaceOrderSpecs
{
    [Fact]
    public void given_an_unlisted_item_an_order_is_refused_as_item_not_found() =>
        Spec.Given()
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void given_a_listed_item_an_order_during_the_sale_is_reserved_until_the_payment_deadline() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 2, Now),
                new StockReserved(ItemId, "o-1", "alice", 2, Now.AddSeconds(PaymentWindowSeconds)));

    [Fact]
    public void given_an_item_without_a_sale_window_an_order_at_any_time_is_reserved() =>
        Spec.Given(new SaleItemListed(ItemId, Name, 5, 2, null, null, 60, Now))
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now.AddYears(5)))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, Now.AddYears(5)),
                new StockReserved(ItemId, "o-1", "alice", 1, Now.AddYears(5).AddSeconds(60)));

    [Fact]
    public void given_a_listed_item_an_order_before_the_sale_starts_is_rejected_as_sale_not_active() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, StartsAt.AddTicks(-1)))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, StartsAt.AddTicks(-1)),
                new OrderRejected(ItemId, "o-1", "alice", 1, RejectionReasons.SaleNotActive, StartsAt.AddTicks(-1)));

    [Fact]
    public void given_a_listed_item_an_order_exactly_at_the_sale_start_is_reserved() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, StartsAt))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, StartsAt),
                new StockReserved(ItemId, "o-1", "alice", 1, StartsAt.AddSeconds(PaymentWindowSeconds)));

    [Fact]
    public void given_a_listed_item_an_order_exactly_at_the_sale_end_is_rejected_as_sale_not_active() =>
        Spec.Given(ItemListed())
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, EndsAt))
            .Then(
                new OrderPlaced(ItemId, "o-1", "alice", 1, EndsAt),
                new OrderRejected(ItemId, "o-1", "alice", 1, RejectionReasons.SaleNotActive, EndsAt));

    [Fact]
    public void given_a_sold_out_item_an_order_after_the_sale_ended_is_rejected_as_sale_not_active_first() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, EndsAt.AddHours(1)))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, EndsAt.AddHours(1)),
                new OrderRejected(ItemId, "o-2", "bob", 1, RejectionReasons.SaleNotActive, EndsAt.AddHours(1)));

    [Fact]
    public void given_a_listed_item_a_quantity_above_the_per_user_limit_is_refused() =>
        Spec.Given(ItemListed(perUserLimit: 2))
            .When(new PlaceOrder(ItemId, "o-1", "alice", 3, Now))
            .ThenRejects(DomainErrors.QuantityAbovePerUserLimit);

    [Fact]
    public void given_a_user_holding_the_limit_another_order_of_theirs_is_rejected_as_per_user_limit() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 1, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 1, Now),
                new OrderRejected(ItemId, "o-2", "alice", 1, RejectionReasons.PerUserLimit, Now));

    [Fact]
    public void given_a_user_who_paid_for_one_unit_ordering_two_more_is_rejected_as_per_user_limit() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "alice", 2, Now),
                new OrderRejected(ItemId, "o-2", "alice", 2, RejectionReasons.PerUserLimit, Now));

    [Fact]
    public void given_another_user_holding_the_limit_an_order_is_reserved() =>
        Spec.Given([ItemListed(perUserLimit: 2), .. Reserved("o-1", "alice", 2)])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 2, Now))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 2, Now),
                new StockReserved(ItemId, "o-2", "bob", 2, Deadline));
}

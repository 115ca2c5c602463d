using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class TimeOutPaymentSpecs
{
    [Fact]
    public void given_an_unlisted_item_a_payment_timeout_is_refused_as_item_not_found() =>
        Spec.Given()
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void given_a_listed_item_timing_out_an_unknown_order_is_refused_as_order_not_found() =>
        Spec.Given(ItemListed())
            .When(new TimeOutPayment(ItemId, "o-404", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void given_a_reserved_order_a_deadline_timeout_arriving_early_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddTicks(-1)))
            .ThenNothing();

    [Fact]
    public void given_a_reserved_order_a_deadline_timeout_at_the_deadline_times_it_out_and_releases_the_stock() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2)])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline),
                new StockReleased(ItemId, "o-1", "alice", 2, Deadline));

    [Fact]
    public void given_a_reserved_order_a_deadline_timeout_after_the_deadline_times_it_out_and_releases_the_stock() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddMinutes(10)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddMinutes(10)),
                new StockReleased(ItemId, "o-1", "alice", 1, Deadline.AddMinutes(10)));

    [Fact]
    public void given_a_reserved_order_a_gateway_timeout_before_the_deadline_times_it_out_and_releases_the_stock() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.GatewayTimeout, Now.AddSeconds(30)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.GatewayTimeout, Now.AddSeconds(30)),
                new StockReleased(ItemId, "o-1", "alice", 1, Now.AddSeconds(30)));

    [Fact]
    public void given_a_confirmed_order_a_deadline_timeout_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenNothing();

    [Fact]
    public void given_a_confirmed_order_a_gateway_timeout_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.GatewayTimeout, Now.AddMinutes(2)))
            .ThenNothing();

    [Fact]
    public void given_a_timed_out_order_timing_it_out_again_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice", 1, TimeoutCauses.GatewayTimeout)])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenNothing();

    [Fact]
    public void given_a_rejected_order_a_timeout_changes_nothing() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenNothing();
}

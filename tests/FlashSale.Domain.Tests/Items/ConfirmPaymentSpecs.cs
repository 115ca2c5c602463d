using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class ConfirmPaymentSpecs
{
    [Fact]
    public void given_an_unlisted_item_a_payment_is_refused_as_item_not_found() =>
        Spec.Given()
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Now))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void given_a_listed_item_paying_for_an_unknown_order_is_refused_as_order_not_found() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-404", "pay-1", Now))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void given_a_reserved_order_a_payment_before_the_deadline_is_confirmed() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline.AddTicks(-1)))
            .Then(new PaymentConfirmed(ItemId, "o-1", "alice", 1, "pay-1", Deadline.AddTicks(-1)));

    [Fact]
    public void given_a_reserved_order_a_payment_after_the_deadline_times_it_out_and_releases_the_stock() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2)])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline.AddSeconds(1)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddSeconds(1)),
                new StockReleased(ItemId, "o-1", "alice", 2, Deadline.AddSeconds(1)));

    // The deadline is exclusive everywhere else (TimeOutPayment releases at it, the sale window ends at it),
    // so a payment arriving exactly at the deadline is late too.
    [Fact]
    public void given_a_reserved_order_a_payment_exactly_at_the_deadline_times_it_out_and_releases_the_stock() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline),
                new StockReleased(ItemId, "o-1", "alice", 1, Deadline));

    [Fact]
    public void given_a_confirmed_order_the_same_payment_again_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-o-1", Now.AddMinutes(2)))
            .ThenNothing();

    [Fact]
    public void given_a_confirmed_order_a_payment_with_another_reference_is_refused_as_already_confirmed() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-someone-else", Now.AddMinutes(2)))
            .ThenRejects(DomainErrors.PaymentAlreadyConfirmed);

    [Fact]
    public void given_a_confirmed_order_the_same_payment_after_the_deadline_changes_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-o-1", Deadline.AddHours(1)))
            .ThenNothing();

    [Fact]
    public void given_a_timed_out_order_a_payment_is_refused_as_timed_out() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline.AddSeconds(1)))
            .ThenRejects(DomainErrors.PaymentTimedOut);

    [Fact]
    public void given_an_order_the_gateway_timed_out_a_payment_before_the_deadline_is_refused_as_timed_out() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice", 1, TimeoutCauses.GatewayTimeout)])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Now.AddSeconds(30)))
            .ThenRejects(DomainErrors.PaymentTimedOut);

    [Fact]
    public void given_a_rejected_order_a_payment_is_refused_as_not_reserved() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Now))
            .ThenRejects(DomainErrors.OrderNotReserved);
}

using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class RequireRefundSpecs
{
    private static readonly DateTimeOffset Late = Deadline.AddMinutes(1);

    private static RefundRequired Refund(string reference, string reason = RefundReasons.LatePayment, DateTimeOffset? at = null, int retry = 0,
        int quantity = 1) =>
        new(ItemId, "o-1", "alice", quantity, reference, reason, at ?? Late, retry);

    [Fact]
    public void given_a_timed_out_order_a_late_payment_is_recorded_as_a_refund_to_make() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2), .. TimedOut("o-1", "alice", 2)])
            .When(new RequireRefund(ItemId, "o-1", "psp-late", Late))
            .Then(Refund("psp-late", quantity: 2));

    [Fact]
    public void given_a_discarded_order_a_late_payment_is_recorded_as_a_refund_to_make() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), Discarded("o-1")])
            .When(new RequireRefund(ItemId, "o-1", "psp-late", Late))
            .Then(Refund("psp-late"));

    [Fact]
    public void given_a_refund_recorded_for_a_payment_the_same_payment_again_records_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), Refund("psp-late")])
            .When(new RequireRefund(ItemId, "o-1", "psp-late", Late.AddMinutes(5)))
            .ThenNothing();

    [Fact]
    public void given_a_refund_recorded_for_a_payment_another_payment_for_the_same_reservation_is_another_refund() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), Refund("psp-late")])
            .When(new RequireRefund(ItemId, "o-1", "psp-other", Late.AddMinutes(5)))
            .Then(Refund("psp-other", at: Late.AddMinutes(5)));

    [Fact]
    public void given_a_retried_reservation_that_timed_out_the_refund_names_the_retry() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Retried("o-1", "alice"),
                .. TimedOutAgain("o-1", "alice")])
            .When(new RequireRefund(ItemId, "o-1", "psp-late", RetryDeadline.AddSeconds(1)))
            .Then(Refund("psp-late", at: RetryDeadline.AddSeconds(1), retry: 1));

    [Fact]
    public void given_an_order_paid_with_one_reference_a_second_payment_is_recorded_as_a_duplicate_to_refund() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new RequireRefund(ItemId, "o-1", "psp-second", Now.AddMinutes(2)))
            .Then(Refund("psp-second", RefundReasons.DuplicatePayment, Now.AddMinutes(2)));

    [Fact]
    public void given_an_order_paid_with_a_reference_that_payment_is_no_refund() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new RequireRefund(ItemId, "o-1", "pay-o-1", Now.AddMinutes(2)))
            .ThenNothing();

    [Fact]
    public void given_a_reserved_order_a_payment_is_no_refund_it_pays_for_the_reservation() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new RequireRefund(ItemId, "o-1", "psp-1", Now))
            .ThenNothing();

    [Fact]
    public void given_a_rejected_order_a_payment_is_refused_as_not_reserved() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new RequireRefund(ItemId, "o-1", "psp-1", Now))
            .ThenRejects(DomainErrors.OrderNotReserved);

    [Fact]
    public void given_refunds_recorded_the_stock_stays_released_and_the_order_stays_a_dead_letter()
    {
        var item = ItemDecider.Fold([ItemListed(stock: 3), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), Refund("psp-late")])
            .ShouldBeOfType<Listed>();

        item.Available.ShouldBe(3);
        item.HeldBy("alice").ShouldBe(0);
        item.Orders["o-1"].Status.ShouldBe(OrderStatus.TimedOut);
        item.Orders["o-1"].RefundReferences.ShouldNotBeNull().ShouldBe(["psp-late"]);
    }
}

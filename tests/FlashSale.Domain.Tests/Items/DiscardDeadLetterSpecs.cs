using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class DiscardDeadLetterSpecs
{
    private static readonly ItemEvent[] TimedOutOrder = [ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")];

    [Fact]
    public void given_a_timed_out_order_a_discard_discards_it() =>
        Spec.Given(TimedOutOrder)
            .When(new DiscardDeadLetter(ItemId, "o-1", "customer gone", Operator, RetriedAt))
            .Then(Discarded("o-1", "customer gone"));

    [Fact]
    public void given_a_discarded_order_discarding_it_again_changes_nothing() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "another reason", "operator-2", RetriedAt.AddHours(1)))
            .ThenNothing();

    [Fact]
    public void given_a_discarded_order_the_item_remembers_the_reason_of_the_first_discard() =>
        ItemDecider.Fold([.. TimedOutOrder, Discarded("o-1", "customer gone")]).ShouldBeOfType<Listed>()
            .Orders["o-1"].DiscardReason.ShouldBe("customer gone");

    [Fact]
    public void given_a_failed_retry_a_discard_discards_the_order() =>
        Spec.Given([.. TimedOutOrder, RetryFailed("o-1", RejectionReasons.SoldOut)])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .Then(Discarded("o-1", ""));

    [Fact]
    public void given_a_retried_order_that_timed_out_again_a_discard_discards_it() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice"), .. TimedOutAgain("o-1", "alice")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "gave up", Operator, RetriedAt))
            .Then(Discarded("o-1", "gave up"));

    [Fact]
    public void given_a_retried_order_still_reserved_a_discard_is_refused_as_not_dead_lettered() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "gave up", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_reserved_order_a_discard_is_refused_as_not_dead_lettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_confirmed_order_a_discard_is_refused_as_not_dead_lettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_rejected_order_a_discard_is_refused_as_not_dead_lettered() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_listed_item_discarding_an_unknown_order_is_refused_as_order_not_found() =>
        Spec.Given(ItemListed())
            .When(new DiscardDeadLetter(ItemId, "o-404", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void given_a_discarded_order_a_payment_is_refused_as_discarded() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-late", RetriedAt))
            .ThenRejects(DomainErrors.OrderDiscarded);

    [Fact]
    public void given_a_discarded_order_placing_the_same_order_again_changes_nothing() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void given_a_discarded_order_a_timeout_changes_nothing() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, RetriedAt))
            .ThenNothing();
}

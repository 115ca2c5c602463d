using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class DiscardDeadLetterSpecs
{
    private static readonly ItemEvent[] TimedOutOrder = [ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")];

    [Fact]
    public void GivenTimedOutOrder_WhenDiscarded_ThenDiscarded() =>
        Spec.Given(TimedOutOrder)
            .When(new DiscardDeadLetter(ItemId, "o-1", "customer gone", Operator, RetriedAt))
            .Then(Discarded("o-1", "customer gone"));

    [Fact]
    public void GivenDiscardedOrder_WhenDiscardedAgain_ThenNothing() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "another reason", "operator-2", RetriedAt.AddHours(1)))
            .ThenNothing();

    [Fact]
    public void GivenFailedRetry_WhenDiscarded_ThenDiscarded() =>
        Spec.Given([.. TimedOutOrder, RetryFailed("o-1", RejectionReasons.SoldOut)])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .Then(Discarded("o-1", ""));

    [Fact]
    public void GivenRetriedOrderThatTimedOutAgain_WhenDiscarded_ThenDiscarded() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice"), .. TimedOutAgain("o-1", "alice")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "gave up", Operator, RetriedAt))
            .Then(Discarded("o-1", "gave up"));

    [Fact]
    public void GivenRetriedOrderStillReserved_WhenDiscarded_ThenRejectsNotDeadLettered() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "gave up", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenReservedOrder_WhenDiscarded_ThenRejectsNotDeadLettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenConfirmedOrder_WhenDiscarded_ThenRejectsNotDeadLettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenRejectedOrder_WhenDiscarded_ThenRejectsNotDeadLettered() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new DiscardDeadLetter(ItemId, "o-1", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenListedItem_WhenUnknownOrderDiscarded_ThenRejectsOrderNotFound() =>
        Spec.Given(ItemListed())
            .When(new DiscardDeadLetter(ItemId, "o-404", "", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void GivenDiscardedOrder_WhenPaid_ThenRejectsDiscarded() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-late", RetriedAt))
            .ThenRejects(DomainErrors.OrderDiscarded);

    [Fact]
    public void GivenDiscardedOrder_WhenSameOrderPlacedAgain_ThenNothing() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, Now))
            .ThenNothing();

    [Fact]
    public void GivenDiscardedOrder_WhenTimedOut_ThenNothing() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, RetriedAt))
            .ThenNothing();
}

using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>An operator retries or discards an order whose payment timed out; nothing else is a dead letter.</summary>
public class DeadLetterSpecs
{
    private static readonly ItemEvent[] TimedOutOrder = [ItemListed(), .. Reserved("o-1", "alice", 2), .. TimedOut("o-1", "alice", 2)];

    [Fact]
    public void GivenTimedOutOrder_WhenRetriedWithStockLeft_ThenReservedAgainWithNewWindow() =>
        Spec.Given(TimedOutOrder)
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 1, Operator, RetriedAt),
                new StockReserved(ItemId, "o-1", "alice", 2, RetryDeadline, 1));

    [Fact]
    public void GivenTimedOutOrder_WhenRetriedAfterTheSaleEnded_ThenReservedAgain() =>
        Spec.Given(TimedOutOrder)
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, EndsAt.AddDays(1)))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 1, Operator, EndsAt.AddDays(1)),
                new StockReserved(ItemId, "o-1", "alice", 2, EndsAt.AddDays(1).AddSeconds(PaymentWindowSeconds), 1));

    [Fact]
    public void GivenTimedOutOrderWhoseStockWasSoldSince_WhenRetried_ThenRetryFailedSoldOut() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Reserved("o-2", "bob")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(RetryFailed("o-1", RejectionReasons.SoldOut));

    [Fact]
    public void GivenTimedOutOrderWhoseUserOrderedAgain_WhenRetried_ThenRetryFailedPerUserLimit() =>
        Spec.Given([.. TimedOutOrder, .. Reserved("o-2", "alice", 1)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(RetryFailed("o-1", RejectionReasons.PerUserLimit));

    [Fact]
    public void GivenFailedRetry_WhenRetriedAfterRestock_ThenReservedAsSecondRetry() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Reserved("o-2", "bob"),
                RetryFailed("o-1", RejectionReasons.SoldOut), new ItemRestocked(ItemId, 1, "restock", RetriedAt)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 2, Operator, RetriedAt),
                new StockReserved(ItemId, "o-1", "alice", 1, RetryDeadline, 2));

    [Fact]
    public void GivenFailedRetry_WhenRetriedStillSoldOut_ThenSecondRetryFails() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Reserved("o-2", "bob"),
                RetryFailed("o-1", RejectionReasons.SoldOut)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(RetryFailed("o-1", RejectionReasons.SoldOut, retry: 2));

    [Fact]
    public void GivenRetriedOrderThatTimedOutAgain_WhenRetried_ThenReservedAsSecondRetry() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice", 1, 2), .. TimedOutAgain("o-1", "alice", 1, 2)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetryDeadline))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 2, Operator, RetryDeadline),
                new StockReserved(ItemId, "o-1", "alice", 2, RetryDeadline.AddSeconds(PaymentWindowSeconds), 2));

    [Fact]
    public void GivenRetriedOrder_WhenRetriedAgain_ThenRejectsNotDeadLettered() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice", 1, 2)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenReservedOrder_WhenRetried_ThenRejectsNotDeadLettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenConfirmedOrder_WhenRetried_ThenRejectsNotDeadLettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenRejectedOrder_WhenRetried_ThenRejectsNotDeadLettered() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut), new ItemRestocked(ItemId, 5, "restock", Now)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void GivenDiscardedOrder_WhenRetried_ThenRejectsDiscarded() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderDiscarded);

    [Fact]
    public void GivenListedItem_WhenUnknownOrderRetried_ThenRejectsOrderNotFound() =>
        Spec.Given(ItemListed())
            .When(new RetryDeadLetter(ItemId, "o-404", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void GivenUnlistedItem_WhenRetried_ThenRejectsItemNotFound() =>
        Spec.Given()
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.ItemNotFound);
}

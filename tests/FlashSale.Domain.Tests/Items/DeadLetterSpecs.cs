using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>An operator retries or discards an order whose payment timed out; nothing else is a dead letter.</summary>
public class DeadLetterSpecs
{
    private static readonly ItemEvent[] TimedOutOrder = [ItemListed(), .. Reserved("o-1", "alice", 2), .. TimedOut("o-1", "alice", 2)];

    [Fact]
    public void given_a_timed_out_order_a_retry_with_stock_left_reserves_it_again_with_a_new_window() =>
        Spec.Given(TimedOutOrder)
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 1, Operator, RetriedAt),
                new StockReserved(ItemId, "o-1", "alice", 2, RetryDeadline, 1));

    [Fact]
    public void given_a_timed_out_order_a_retry_after_the_sale_ended_reserves_it_again() =>
        Spec.Given(TimedOutOrder)
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, EndsAt.AddDays(1)))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 1, Operator, EndsAt.AddDays(1)),
                new StockReserved(ItemId, "o-1", "alice", 2, EndsAt.AddDays(1).AddSeconds(PaymentWindowSeconds), 1));

    [Fact]
    public void given_a_timed_out_order_whose_stock_was_sold_since_a_retry_fails_as_sold_out() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Reserved("o-2", "bob")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(RetryFailed("o-1", RejectionReasons.SoldOut));

    [Fact]
    public void given_a_timed_out_order_whose_user_ordered_again_a_retry_fails_as_per_user_limit() =>
        Spec.Given([.. TimedOutOrder, .. Reserved("o-2", "alice", 1)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(RetryFailed("o-1", RejectionReasons.PerUserLimit));

    [Fact]
    public void given_a_failed_retry_a_retry_after_a_restock_reserves_as_the_second_retry() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Reserved("o-2", "bob"),
                RetryFailed("o-1", RejectionReasons.SoldOut), new ItemRestocked(ItemId, 1, "restock", RetriedAt)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 2, Operator, RetriedAt),
                new StockReserved(ItemId, "o-1", "alice", 1, RetryDeadline, 2));

    [Fact]
    public void given_a_failed_retry_a_retry_while_still_sold_out_fails_as_the_second_retry() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Reserved("o-2", "bob"),
                RetryFailed("o-1", RejectionReasons.SoldOut)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .Then(RetryFailed("o-1", RejectionReasons.SoldOut, retry: 2));

    [Fact]
    public void given_a_retried_order_that_timed_out_again_a_retry_reserves_as_the_second_retry() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice", 1, 2), .. TimedOutAgain("o-1", "alice", 1, 2)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetryDeadline))
            .Then(
                new DeadLetterRetried(ItemId, "o-1", 2, Operator, RetryDeadline),
                new StockReserved(ItemId, "o-1", "alice", 2, RetryDeadline.AddSeconds(PaymentWindowSeconds), 2));

    [Fact]
    public void given_a_retried_order_still_reserved_retrying_again_is_a_repeat_that_changes_nothing() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice", 1, 2)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenNothing();

    [Fact]
    public void given_a_retried_order_that_was_paid_a_retry_is_refused_as_not_dead_lettered() =>
        Spec.Given([.. TimedOutOrder, .. Retried("o-1", "alice", 1, 2), Paid("o-1", "alice", 2)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_reserved_order_a_retry_is_refused_as_not_dead_lettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_confirmed_order_a_retry_is_refused_as_not_dead_lettered() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_rejected_order_a_retry_is_refused_as_not_dead_lettered() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut), new ItemRestocked(ItemId, 5, "restock", Now)])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotDeadLettered);

    [Fact]
    public void given_a_discarded_order_a_retry_is_refused_as_discarded() =>
        Spec.Given([.. TimedOutOrder, Discarded("o-1")])
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderDiscarded);

    [Fact]
    public void given_a_listed_item_retrying_an_unknown_order_is_refused_as_order_not_found() =>
        Spec.Given(ItemListed())
            .When(new RetryDeadLetter(ItemId, "o-404", Operator, RetriedAt))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void given_an_unlisted_item_a_retry_is_refused_as_item_not_found() =>
        Spec.Given()
            .When(new RetryDeadLetter(ItemId, "o-1", Operator, RetriedAt))
            .ThenRejects(DomainErrors.ItemNotFound);
}

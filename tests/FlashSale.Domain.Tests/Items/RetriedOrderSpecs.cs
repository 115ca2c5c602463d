using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>A reservation made by an operator's retry is paid or times out like the first one, under its own retry number.</summary>
public class RetriedOrderSpecs
{
    private static readonly ItemEvent[] RetriedOrder =
        [ItemListed(stock: 5), .. Reserved("o-1", "alice", 2), .. TimedOut("o-1", "alice", 2), .. Retried("o-1", "alice", 1, 2)];

    [Fact]
    public void given_a_retried_order_its_new_window_passing_times_it_out_again_under_its_retry_number() =>
        Spec.Given(RetriedOrder)
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, RetryDeadline))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, RetryDeadline, 1),
                new StockReleased(ItemId, "o-1", "alice", 2, RetryDeadline, 1));

    [Fact]
    public void given_a_second_retry_its_new_window_passing_times_it_out_under_retry_two() =>
        Spec.Given([ItemListed(stock: 5), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"),
                RetryFailed("o-1", RejectionReasons.SoldOut), .. Retried("o-1", "alice", retry: 2)])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.GatewayTimeout, RetriedAt.AddSeconds(1)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.GatewayTimeout, RetriedAt.AddSeconds(1), 2),
                new StockReleased(ItemId, "o-1", "alice", 1, RetriedAt.AddSeconds(1), 2));

    [Fact]
    public void given_a_retried_order_only_the_first_window_passing_changes_nothing() =>
        Spec.Given(RetriedOrder)
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, RetryDeadline.AddTicks(-1)))
            .ThenNothing();

    [Fact]
    public void given_a_retried_order_a_late_gateway_timeout_of_the_first_reservation_changes_nothing() =>
        Spec.Given(RetriedOrder)
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.GatewayTimeout, RetriedAt.AddSeconds(1), Retry: 0))
            .ThenNothing();

    [Fact]
    public void given_a_retried_order_a_gateway_timeout_of_the_retried_reservation_times_it_out_again() =>
        Spec.Given(RetriedOrder)
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.GatewayTimeout, RetriedAt.AddSeconds(1), Retry: 1))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.GatewayTimeout, RetriedAt.AddSeconds(1), 1),
                new StockReleased(ItemId, "o-1", "alice", 2, RetriedAt.AddSeconds(1), 1));

    [Fact]
    public void given_a_retried_order_a_payment_within_the_new_window_is_confirmed() =>
        Spec.Given(RetriedOrder)
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", RetryDeadline.AddTicks(-1)))
            .Then(new PaymentConfirmed(ItemId, "o-1", "alice", 2, "pay-1", RetryDeadline.AddTicks(-1)));

    [Fact]
    public void given_a_retried_order_a_payment_after_the_new_window_times_it_out_under_its_retry_number() =>
        Spec.Given(RetriedOrder)
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", RetryDeadline))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, RetryDeadline, 1),
                new StockReleased(ItemId, "o-1", "alice", 2, RetryDeadline, 1));

    [Fact]
    public void given_a_retried_order_placing_the_same_order_again_changes_nothing() =>
        Spec.Given(RetriedOrder)
            .When(new PlaceOrder(ItemId, "o-1", "alice", 2, RetriedAt))
            .ThenNothing();

    [Fact]
    public void given_a_retried_order_the_folded_item_holds_its_stock_again_and_keeps_the_placement_outcome()
    {
        var item = ItemDecider.Fold(RetriedOrder).ShouldBeOfType<Listed>();

        item.Available.ShouldBe(3);
        item.HeldBy("alice").ShouldBe(2);
        item.Orders["o-1"].ShouldBe(new OrderRecord("o-1", "alice", 2, OrderStatus.Reserved, Deadline, null, null, 1, RetryDeadline));
        item.Orders["o-1"].PaymentDeadline.ShouldBe(RetryDeadline);
    }

    [Fact]
    public void given_a_failed_retry_the_folded_order_is_still_timed_out_with_the_retry_counted()
    {
        var item = ItemDecider.Fold([ItemListed(stock: 5), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"),
            RetryFailed("o-1", RejectionReasons.SoldOut)]).ShouldBeOfType<Listed>();

        item.Available.ShouldBe(5);
        item.HeldBy("alice").ShouldBe(0);
        item.Orders["o-1"].ShouldBe(new OrderRecord("o-1", "alice", 1, OrderStatus.TimedOut, Deadline, null, null, 1));
    }

    [Fact]
    public void given_a_discarded_order_the_folded_order_is_discarded_and_stock_untouched()
    {
        var item = ItemDecider.Fold([ItemListed(stock: 5), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), Discarded("o-1")])
            .ShouldBeOfType<Listed>();

        item.Available.ShouldBe(5);
        item.Orders["o-1"].Status.ShouldBe(OrderStatus.Discarded);
    }
}

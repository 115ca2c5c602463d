using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class StartChargeSpecs
{
    private const string Key = "item-1/o-1/0";
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(8);

    private static StartCharge Charge(DateTimeOffset now, int retry = 0, string key = Key) =>
        new(ItemId, "o-1", retry, key, now + Margin, now);

    [Fact]
    public void given_a_reserved_order_with_time_left_the_charge_is_recorded_before_money_moves() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(Charge(Now))
            .Then(new ChargeStarted(ItemId, "o-1", Key, Now));

    [Fact]
    public void given_a_reserved_order_whose_window_closes_within_the_margin_it_is_released_instead_of_charged() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2)])
            .When(Charge(Deadline - Margin))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.TooLateToCharge, Deadline - Margin),
                new StockReleased(ItemId, "o-1", "alice", 2, Deadline - Margin));

    [Fact]
    public void given_a_reserved_order_whose_window_has_passed_while_the_processor_was_down_it_is_released_instead_of_charged() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(Charge(Deadline.AddHours(1)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.TooLateToCharge, Deadline.AddHours(1)),
                new StockReleased(ItemId, "o-1", "alice", 1, Deadline.AddHours(1)));

    [Fact]
    public void given_a_charge_already_started_starting_it_again_records_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), new ChargeStarted(ItemId, "o-1", Key, Now)])
            .When(Charge(Now.AddSeconds(1)))
            .ThenNothing();

    [Fact]
    public void given_a_charge_started_before_a_crash_the_resumed_charge_is_not_released_even_near_the_deadline() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), new ChargeStarted(ItemId, "o-1", Key, Now)])
            .When(Charge(Deadline.AddSeconds(-1)))
            .ThenNothing();

    [Fact]
    public void given_an_order_paid_by_the_providers_callback_nothing_is_charged() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(Charge(Now))
            .ThenNothing();

    [Fact]
    public void given_a_timed_out_order_nothing_is_charged() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")])
            .When(Charge(Deadline.AddSeconds(1)))
            .ThenNothing();

    [Fact]
    public void given_a_discarded_order_nothing_is_charged() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), Discarded("o-1")])
            .When(Charge(RetriedAt))
            .ThenNothing();

    [Fact]
    public void given_a_retried_reservation_a_charge_of_the_earlier_one_records_nothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice"), .. Retried("o-1", "alice")])
            .When(Charge(RetriedAt, retry: 0))
            .ThenNothing();

    [Fact]
    public void given_a_retried_reservation_its_own_charge_is_recorded_with_its_retry_although_the_first_was_started() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), new ChargeStarted(ItemId, "o-1", Key, Now), .. TimedOut("o-1", "alice"),
                .. Retried("o-1", "alice")])
            .When(Charge(RetriedAt, retry: 1, key: "item-1/o-1/1"))
            .Then(new ChargeStarted(ItemId, "o-1", "item-1/o-1/1", RetriedAt, 1));

    [Fact]
    public void given_a_rejected_order_nothing_is_charged() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(Charge(Now))
            .ThenNothing();

    [Fact]
    public void given_a_listed_item_charging_an_unknown_order_is_refused_as_order_not_found() =>
        Spec.Given(ItemListed())
            .When(Charge(Now))
            .ThenRejects(DomainErrors.OrderNotFound);
}

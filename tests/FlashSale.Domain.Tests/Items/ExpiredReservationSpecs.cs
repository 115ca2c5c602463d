using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

/// <summary>Availability is exact when an order is decided: reservations whose payment window has passed are released
/// first, with the events the deadline sweeper would append.</summary>
public class ExpiredReservationSpecs
{
    private static readonly DateTimeOffset AfterDeadline = Deadline.AddSeconds(1);

    private static ItemEvent[] ReleasedAt(DateTimeOffset at, string orderId, string userId, int quantity = 1) =>
    [
        new PaymentTimedOut(ItemId, orderId, TimeoutCauses.DeadlinePassed, at),
        new StockReleased(ItemId, orderId, userId, quantity, at),
    ];

    [Fact]
    public void given_a_sold_out_item_whose_reservation_expired_an_order_releases_it_and_is_reserved() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, AfterDeadline))
            .Then(
            [
                .. ReleasedAt(AfterDeadline, "o-1", "alice"),
                new OrderPlaced(ItemId, "o-2", "bob", 1, AfterDeadline),
                new StockReserved(ItemId, "o-2", "bob", 1, AfterDeadline.AddSeconds(PaymentWindowSeconds)),
            ]);

    [Fact]
    public void given_a_sold_out_item_whose_reservation_is_still_open_an_order_is_rejected_as_sold_out() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, Deadline.AddSeconds(-1)))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, Deadline.AddSeconds(-1)),
                new OrderRejected(ItemId, "o-2", "bob", 1, RejectionReasons.SoldOut, Deadline.AddSeconds(-1)));

    [Fact]
    public void given_a_paid_reservation_past_its_window_nothing_is_released_and_the_order_is_rejected_as_sold_out() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new PlaceOrder(ItemId, "o-2", "bob", 1, AfterDeadline))
            .Then(
                new OrderPlaced(ItemId, "o-2", "bob", 1, AfterDeadline),
                new OrderRejected(ItemId, "o-2", "bob", 1, RejectionReasons.SoldOut, AfterDeadline));

    [Fact]
    public void given_a_buyers_own_expired_reservation_at_the_limit_their_new_order_is_reserved() =>
        Spec.Given([ItemListed(stock: 5, perUserLimit: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-2", "alice", 1, AfterDeadline))
            .Then(
            [
                .. ReleasedAt(AfterDeadline, "o-1", "alice"),
                new OrderPlaced(ItemId, "o-2", "alice", 1, AfterDeadline),
                new StockReserved(ItemId, "o-2", "alice", 1, AfterDeadline.AddSeconds(PaymentWindowSeconds)),
            ]);

    [Fact]
    public void given_several_expired_reservations_every_one_is_released_earliest_first_and_open_ones_stay()
    {
        var later = Now.AddSeconds(30);
        Spec.Given(
            [
                ItemListed(stock: 3, perUserLimit: 3), .. Reserved("o-b", "bob"),
                new OrderPlaced(ItemId, "o-a", "alice", 1, Now.AddSeconds(-30)),
                new StockReserved(ItemId, "o-a", "alice", 1, Deadline.AddSeconds(-30)),
                new OrderPlaced(ItemId, "o-c", "carol", 1, later),
                new StockReserved(ItemId, "o-c", "carol", 1, later.AddSeconds(PaymentWindowSeconds)),
            ])
            .When(new PlaceOrder(ItemId, "o-d", "dave", 2, AfterDeadline))
            .Then(
            [
                .. ReleasedAt(AfterDeadline, "o-a", "alice"),
                .. ReleasedAt(AfterDeadline, "o-b", "bob"),
                new OrderPlaced(ItemId, "o-d", "dave", 2, AfterDeadline),
                new StockReserved(ItemId, "o-d", "dave", 2, AfterDeadline.AddSeconds(PaymentWindowSeconds)),
            ]);
    }

    [Fact]
    public void given_an_expired_reservation_a_repeated_order_id_answers_its_outcome_and_releases_nothing() =>
        Spec.Given([ItemListed(stock: 1), .. Reserved("o-1", "alice")])
            .When(new PlaceOrder(ItemId, "o-1", "alice", 1, AfterDeadline))
            .ThenNothing();
}

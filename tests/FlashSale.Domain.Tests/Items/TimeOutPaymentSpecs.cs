using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class TimeOutPaymentSpecs
{
    [Fact]
    public void GivenUnlistedItem_WhenPaymentTimedOut_ThenRejectsItemNotFound() =>
        Spec.Given()
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void GivenListedItem_WhenUnknownOrderTimedOut_ThenRejectsOrderNotFound() =>
        Spec.Given(ItemListed())
            .When(new TimeOutPayment(ItemId, "o-404", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void GivenReservedOrder_WhenDeadlineTimeoutArrivesEarly_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddTicks(-1)))
            .ThenNothing();

    [Fact]
    public void GivenReservedOrder_WhenDeadlineTimeoutAtDeadline_ThenTimedOutAndStockReleased() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2)])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline),
                new StockReleased(ItemId, "o-1", "alice", 2, Deadline));

    [Fact]
    public void GivenReservedOrder_WhenDeadlineTimeoutAfterDeadline_ThenTimedOutAndStockReleased() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddMinutes(10)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddMinutes(10)),
                new StockReleased(ItemId, "o-1", "alice", 1, Deadline.AddMinutes(10)));

    [Fact]
    public void GivenReservedOrder_WhenGatewayTimesOutBeforeDeadline_ThenTimedOutAndStockReleased() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.GatewayTimeout, Now.AddSeconds(30)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.GatewayTimeout, Now.AddSeconds(30)),
                new StockReleased(ItemId, "o-1", "alice", 1, Now.AddSeconds(30)));

    [Fact]
    public void GivenConfirmedOrder_WhenDeadlineTimeoutArrives_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenNothing();

    [Fact]
    public void GivenConfirmedOrder_WhenGatewayTimesOut_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.GatewayTimeout, Now.AddMinutes(2)))
            .ThenNothing();

    [Fact]
    public void GivenTimedOutOrder_WhenTimedOutAgain_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice", 1, TimeoutCauses.GatewayTimeout)])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenNothing();

    [Fact]
    public void GivenRejectedOrder_WhenTimedOut_ThenNothing() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new TimeOutPayment(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline))
            .ThenNothing();
}

using FlashSale.Domain.Items;
using FlashSale.Domain.Tests.Specification;
using static FlashSale.Domain.Tests.Items.Sale;

namespace FlashSale.Domain.Tests.Items;

public class ConfirmPaymentSpecs
{
    [Fact]
    public void GivenUnlistedItem_WhenPaymentConfirmed_ThenRejectsItemNotFound() =>
        Spec.Given()
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Now))
            .ThenRejects(DomainErrors.ItemNotFound);

    [Fact]
    public void GivenListedItem_WhenUnknownOrderConfirmed_ThenRejectsOrderNotFound() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-404", "pay-1", Now))
            .ThenRejects(DomainErrors.OrderNotFound);

    [Fact]
    public void GivenReservedOrder_WhenConfirmedBeforeDeadline_ThenPaymentConfirmed() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline.AddTicks(-1)))
            .Then(new PaymentConfirmed(ItemId, "o-1", "alice", 1, "pay-1", Deadline.AddTicks(-1)));

    [Fact]
    public void GivenReservedOrder_WhenConfirmedAfterDeadline_ThenTimedOutAndStockReleased() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice", 2)])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline.AddSeconds(1)))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline.AddSeconds(1)),
                new StockReleased(ItemId, "o-1", "alice", 2, Deadline.AddSeconds(1)));

    // The deadline is exclusive everywhere else (TimeOutPayment releases at it, the sale window ends at it),
    // so a payment arriving exactly at the deadline is late too.
    [Fact]
    public void GivenReservedOrder_WhenConfirmedExactlyAtDeadline_ThenTimedOutAndStockReleased() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline))
            .Then(
                new PaymentTimedOut(ItemId, "o-1", TimeoutCauses.DeadlinePassed, Deadline),
                new StockReleased(ItemId, "o-1", "alice", 1, Deadline));

    [Fact]
    public void GivenConfirmedOrder_WhenConfirmedAgain_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-o-1", Now.AddMinutes(2)))
            .ThenNothing();

    [Fact]
    public void GivenConfirmedOrder_WhenConfirmedWithAnotherReference_ThenRejectsPaymentAlreadyConfirmed() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-someone-else", Now.AddMinutes(2)))
            .ThenRejects(DomainErrors.PaymentAlreadyConfirmed);

    [Fact]
    public void GivenConfirmedOrder_WhenConfirmedAgainAfterDeadline_ThenNothing() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), Paid("o-1")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-o-1", Deadline.AddHours(1)))
            .ThenNothing();

    [Fact]
    public void GivenTimedOutOrder_WhenConfirmed_ThenRejectsPaymentTimedOut() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice")])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Deadline.AddSeconds(1)))
            .ThenRejects(DomainErrors.PaymentTimedOut);

    [Fact]
    public void GivenOrderTimedOutByGateway_WhenConfirmedBeforeDeadline_ThenRejectsPaymentTimedOut() =>
        Spec.Given([ItemListed(), .. Reserved("o-1", "alice"), .. TimedOut("o-1", "alice", 1, TimeoutCauses.GatewayTimeout)])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Now.AddSeconds(30)))
            .ThenRejects(DomainErrors.PaymentTimedOut);

    [Fact]
    public void GivenRejectedOrder_WhenConfirmed_ThenRejectsOrderNotReserved() =>
        Spec.Given([ItemListed(stock: 0), .. Rejected("o-1", "alice", 1, RejectionReasons.SoldOut)])
            .When(new ConfirmPayment(ItemId, "o-1", "pay-1", Now))
            .ThenRejects(DomainErrors.OrderNotReserved);
}

using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.EventStores;

/// <summary>Payments through the whole API on an event store other than the embedded one; run once per store.</summary>
public abstract class PaymentsOnStoreTests
{
    protected abstract Task<StoreApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null);

    [Fact]
    public async Task confirming_a_reservation_answers_200_and_a_repeat_answers_the_same()
    {
        await using var app = await StartAsync();
        await Payments.PaymentConfirmationSpecs.ConfirmingAReservationAnswers200AndARepeatAnswersTheSameAsync(app.Api);
    }

    [Fact]
    public async Task a_timed_out_payment_releases_the_stock_for_the_next_buyer_and_a_late_payment_is_refused()
    {
        // The processor follows the log through the adapter's $all subscription; every simulated charge times out.
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            ["Payments:ProcessorEnabled"] = "true",
            ["Payments:TimeoutRate"] = "1",
            ["Payments:GatewayLatencyMs"] = "0",
        });
        var api = app.Api;
        var itemId = Ids.New("last-one");
        await api.ListItemAsync(itemId, stock: 1);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "slow-payer")).Status.ShouldBe(HttpStatusCode.Created);

        var events = await EventLog.WaitForAsync(() => api.ReadItemAsync(itemId),
            e => e.OfOrder<StockReleased>(orderId).Count > 0, TimeSpan.FromSeconds(20), $"the release of {orderId}");

        events.OfOrder<PaymentTimedOut>(orderId).ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.GatewayTimeout);
        events.OfOrder<StockReleased>(orderId).ShouldHaveSingleItem().Quantity.ShouldBe(1);
        events.ShouldNeverOversell();
        var next = await api.PlaceOrderAsync(Ids.New("order"), itemId, "next-buyer");
        next.Status.ShouldBe(HttpStatusCode.Created, next.ToString());
        var late = await api.Buyer.PayAsync(orderId, "late-payment-1");
        late.Status.ShouldBe(HttpStatusCode.Conflict);
        late.Code.ShouldBe("payment.timed_out");
    }
}

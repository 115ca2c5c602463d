using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Payments;

public sealed class PaymentTimeoutTests : IDisposable
{
    // Every simulated charge times out, at once.
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?>
    {
        ["Payments:ProcessorEnabled"] = "true",
        ["Payments:TimeoutRate"] = "1",
        ["Payments:GatewayLatencyMs"] = "0",
    });

    [Fact]
    public async Task a_timed_out_payment_releases_the_stock_for_the_next_buyer_and_refuses_a_late_payment()
    {
        var itemId = Ids.New("last-one");
        await _api.ListItemAsync(itemId, stock: 1);
        var orderId = Ids.New("order");
        (await _api.PlaceOrderAsync(orderId, itemId, "slow-payer")).Status.ShouldBe(HttpStatusCode.Created);

        var events = await EventLog.WaitForAsync(() => _api.ReadItemAsync(itemId),
            e => e.OfOrder<StockReleased>(orderId).Count > 0, TimeSpan.FromSeconds(15), $"the release of {orderId}");

        events.OfOrder<PaymentTimedOut>(orderId).ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.GatewayTimeout);
        events.OfOrder<StockReleased>(orderId).ShouldHaveSingleItem().Quantity.ShouldBe(1);
        events.ShouldNeverOversell();

        var next = await _api.PlaceOrderAsync(Ids.New("order"), itemId, "next-buyer");
        next.Status.ShouldBe(HttpStatusCode.Created, next.ToString());

        var late = await _api.Buyer.PayAsync(orderId, "late-payment-1");
        late.Status.ShouldBe(HttpStatusCode.Conflict);
        late.MediaType.ShouldBe("application/problem+json");
        late.Code.ShouldBe("payment.timed_out");
        (await _api.ReadItemAsync(itemId)).OfOrder<PaymentConfirmed>(orderId).ShouldBeEmpty();
    }

    public void Dispose() => _api.Dispose();
}

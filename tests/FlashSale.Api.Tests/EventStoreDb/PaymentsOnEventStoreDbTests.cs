using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.EventStoreDb;

public sealed class PaymentsOnEventStoreDbTests
{
    [Fact]
    public async Task confirming_a_reservation_in_eventstoredb_answers_200_and_a_repeat_answers_the_same()
    {
        await using var app = await EventStoreDbApi.StartAsync();
        var api = app.Api;
        var itemId = Ids.New("paid");
        await api.ListItemAsync(itemId, stock: 3);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "payer")).Status.ShouldBe(HttpStatusCode.Created);

        var confirmed = await api.Buyer.PayAsync(orderId, "psp-ref-42");
        var head = await api.HeadAsync();
        var repeat = await api.Buyer.PayAsync(orderId, "psp-ref-42");

        confirmed.Status.ShouldBe(HttpStatusCode.OK);
        confirmed.String("status").ShouldBe("confirmed");
        LogPositionToken(confirmed).ShouldNotBeNullOrWhiteSpace();
        repeat.SameAs(confirmed).ShouldBeTrue($"first: {confirmed}\nrepeat: {repeat}");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).OfOrder<PaymentConfirmed>(orderId).ShouldHaveSingleItem().PaymentReference.ShouldBe("psp-ref-42");
    }

    [Fact]
    public async Task a_timed_out_payment_in_eventstoredb_releases_the_stock_for_the_next_buyer()
    {
        // The processor follows the log through the adapter's $all subscription; every simulated charge times out.
        await using var app = await EventStoreDbApi.StartAsync(new Dictionary<string, string?>
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

    [Fact]
    public async Task the_payment_processor_keeps_settling_after_the_event_store_drops_its_subscription()
    {
        await using var app = await EventStoreDbApi.StartAsync(new Dictionary<string, string?>
        {
            ["Payments:ProcessorEnabled"] = "true",
            ["Payments:TimeoutRate"] = "1",
            ["Payments:GatewayLatencyMs"] = "0",
        });
        var api = app.Api;
        var itemId = Ids.New("dropped");
        await api.ListItemAsync(itemId, stock: 2);
        var first = Ids.New("order");
        (await api.PlaceOrderAsync(first, itemId, "payer-1")).Status.ShouldBe(HttpStatusCode.Created);
        await EventLog.WaitForAsync(() => api.ReadItemAsync(itemId), e => e.OfOrder<StockReleased>(first).Count > 0,
            TimeSpan.FromSeconds(20), $"the release of {first}");

        app.Server.DropSubscriptions().ShouldBeGreaterThan(0);
        var second = Ids.New("order");
        (await api.PlaceOrderAsync(second, itemId, "payer-2")).Status.ShouldBe(HttpStatusCode.Created);

        var events = await EventLog.WaitForAsync(() => api.ReadItemAsync(itemId), e => e.OfOrder<StockReleased>(second).Count > 0,
            TimeSpan.FromSeconds(20), $"the release of {second}");
        events.OfOrder<PaymentTimedOut>(first).ShouldHaveSingleItem();
        events.OfOrder<PaymentTimedOut>(second).ShouldHaveSingleItem();
        events.ShouldNeverOversell();
    }

    private static string LogPositionToken(HttpAnswer answer) => answer.String("position");
}

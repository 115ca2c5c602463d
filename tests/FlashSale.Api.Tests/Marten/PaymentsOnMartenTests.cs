using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Marten;

[Collection(PostgresCollection.Name)]
public sealed class PaymentsOnMartenTests(PostgresServer server)
{
    [Fact]
    public async Task confirming_a_reservation_on_postgresql_answers_200_and_a_repeat_answers_the_same()
    {
        using var api = await MartenApi.StartAsync(server, nameof(PaymentsOnMartenTests));
        var itemId = Ids.New("paid");
        await api.ListItemAsync(itemId, stock: 3);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "payer")).Status.ShouldBe(HttpStatusCode.Created);

        var confirmed = await api.Buyer.PayAsync(orderId, "psp-ref-42");
        var head = await api.HeadAsync();
        var repeat = await api.Buyer.PayAsync(orderId, "psp-ref-42");

        confirmed.Status.ShouldBe(HttpStatusCode.OK);
        confirmed.String("status").ShouldBe("confirmed");
        repeat.SameAs(confirmed).ShouldBeTrue($"first: {confirmed}\nrepeat: {repeat}");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).OfOrder<PaymentConfirmed>(orderId).ShouldHaveSingleItem().PaymentReference.ShouldBe("psp-ref-42");
    }

    [Fact]
    public async Task a_timed_out_payment_on_postgresql_releases_the_stock_for_the_next_buyer()
    {
        // The processor follows the log through the adapter's $all subscription; every simulated charge times out.
        using var api = await MartenApi.StartAsync(server, nameof(PaymentsOnMartenTests), new Dictionary<string, string?>
        {
            ["Payments:ProcessorEnabled"] = "true",
            ["Payments:TimeoutRate"] = "1",
            ["Payments:GatewayLatencyMs"] = "0",
        });
        var itemId = Ids.New("last-one");
        await api.ListItemAsync(itemId, stock: 1);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "slow-payer")).Status.ShouldBe(HttpStatusCode.Created);

        var events = await EventLog.WaitForAsync(() => api.ReadItemAsync(itemId),
            e => e.OfOrder<StockReleased>(orderId).Count > 0, TimeSpan.FromSeconds(20), $"the release of {orderId}");

        events.OfOrder<PaymentTimedOut>(orderId).ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.GatewayTimeout);
        events.ShouldNeverOversell();
        (await api.PlaceOrderAsync(Ids.New("order"), itemId, "next-buyer")).Status.ShouldBe(HttpStatusCode.Created);
    }
}

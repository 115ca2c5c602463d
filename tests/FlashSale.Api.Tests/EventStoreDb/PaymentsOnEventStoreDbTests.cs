using System.Net;
using FlashSale.Api.Tests.EventStores;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.EventStoreDb;

public sealed class PaymentsOnEventStoreDbTests : PaymentsOnStoreTests
{
    protected override async Task<StoreApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = await EventStoreDbApi.StartAsync(settings);
        return new StoreApi(app.Api, app);
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
}

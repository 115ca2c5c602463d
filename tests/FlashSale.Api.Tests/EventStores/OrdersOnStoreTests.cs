using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.EventStores;

/// <summary>Orders through the whole API on an event store other than the embedded one; run once per store (each
/// store's race test stays with it, as it reads the log back in the store's own way).</summary>
public abstract class OrdersOnStoreTests
{
    protected abstract Task<StoreApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null);

    [Fact]
    public async Task a_repeated_order_id_answers_the_recorded_outcome_and_writes_nothing()
    {
        await using var app = await StartAsync();
        var api = app.Api;
        var itemId = Ids.New("repeat");
        await api.ListItemAsync(itemId, stock: 5);
        var orderId = Ids.New("order");

        var first = await api.PlaceOrderAsync(orderId, itemId, "buyer");
        var head = await api.HeadAsync();
        var repeat = await api.PlaceOrderAsync(orderId, itemId, "buyer");

        first.Status.ShouldBe(HttpStatusCode.Created);
        repeat.SameAs(first).ShouldBeTrue($"first: {first}\nrepeat: {repeat}");
        (await api.HeadAsync()).ShouldBe(head);
    }
}

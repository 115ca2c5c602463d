using FlashSale.Contracts;
using System.Net;
using FlashSale.Api.Tests.EventStores;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.EventStoreDb;

public sealed class OrdersOnEventStoreDbTests : OrdersOnStoreTests, IAsyncLifetime
{
    private EventStoreDbApi _app = null!;

    public async Task InitializeAsync() => _app = await EventStoreDbApi.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task five_hundred_users_racing_for_fifty_units_get_exactly_fifty_reservations_in_eventstoredb()
    {
        var api = _app.Api;
        var itemId = Ids.New("hot");
        (await api.ListItemAsync(itemId, stock: 50, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var answers = await api.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 500).Select(i => ($"order-{i}", $"user-{i}")));

        var reserved = answers.Where(a => a.Answer.Status == HttpStatusCode.Created).ToList();
        reserved.Count.ShouldBe(50, $"other answers: {string.Join("; ", answers.Select(a => a.Answer).Where(a => (int)a.Status is not (201 or 409)).Take(5))}");
        answers.Count(a => a.Answer.Status == HttpStatusCode.Conflict && a.Answer.Code == RejectionReasons.SoldOut).ShouldBe(450);

        // The log as the double stored it, read back through the adapter.
        var events = await api.ReadItemAsync(itemId);
        events.OfType<OrderPlaced>().Count().ShouldBe(500);
        events.OfType<StockReserved>().Count().ShouldBe(50);
        events.OfType<StockReserved>().Select(e => e.OrderId).ShouldBe(reserved.Select(a => a.OrderId), ignoreOrder: true);
        events.OfType<OrderRejected>().Count().ShouldBe(450);
        events.ShouldNeverOversell();
        _app.Server.StreamEventIds(ItemStreamName(itemId))!.Count.ShouldBe(events.Count);
    }

    [Fact]
    public async Task an_order_whose_append_the_node_cuts_off_is_a_503_safe_to_retry_and_its_retry_is_placed_once()
    {
        var api = _app.Api;
        var itemId = Ids.New("cut");
        (await api.ListItemAsync(itemId, stock: 5, perUserLimit: 5)).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PlaceOrderAsync("order-before", itemId, "user-1")).Status.ShouldBe(HttpStatusCode.Created);
        _app.Server.DropNextCalls(appendsOnly: true);

        var cut = await api.PlaceOrderAsync("order-cut", itemId, "user-1");
        var retry = await api.PlaceOrderAsync("order-cut", itemId, "user-1");

        (cut.Status, cut.Code).ShouldBe((HttpStatusCode.ServiceUnavailable, "event_store.unavailable"), cut.Text);
        cut.Text.ShouldContain("Retry with the same order id");
        retry.Status.ShouldBe(HttpStatusCode.Created, retry.Text);
        (await api.ReadItemAsync(itemId)).OfType<StockReserved>().Count(r => r.OrderId == "order-cut").ShouldBe(1);
    }

    protected override async Task<StoreApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = await EventStoreDbApi.StartAsync(settings);
        return new StoreApi(app.Api, app);
    }

    private static string ItemStreamName(string itemId) => FlashSale.Contracts.ItemStreams.For(itemId);
}

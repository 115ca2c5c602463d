using System.Net;
using FlashSale.Api.Tests.EventStores;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Marten;

[Collection(PostgresCollection.Name)]
public sealed class OrdersOnMartenTests(PostgresServer server) : OrdersOnStoreTests
{
    [Fact]
    public async Task two_thousand_users_racing_for_one_hundred_units_get_exactly_one_hundred_reservations_on_postgresql()
    {
        var settings = await MartenApi.SettingsAsync(server, nameof(OrdersOnMartenTests));
        using var api = new FlashSaleApiFactory(settings);
        var itemId = Ids.New("hot");
        (await api.ListItemAsync(itemId, stock: 100, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var answers = await api.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 2_000).Select(i => ($"order-{i}", $"user-{i}")));

        var reserved = answers.Where(a => a.Answer.Status == HttpStatusCode.Created).ToList();
        reserved.Count.ShouldBe(100, $"other answers: {string.Join("; ", answers.Select(a => a.Answer).Where(a => (int)a.Status is not (201 or 409)).Take(5))}");
        answers.Count(a => a.Answer.Status == HttpStatusCode.Conflict && a.Answer.Code == RejectionReasons.SoldOut).ShouldBe(1_900);
        // The log as a fresh reader of the PostgreSQL store sees it.
        await using var reader = await MartenApi.OpenReaderAsync(settings);
        var events = await EventLog.ReadItemAsync(reader, itemId);
        events.OfType<OrderPlaced>().Count().ShouldBe(2_000);
        events.OfType<StockReserved>().Select(e => e.OrderId).ShouldBe(reserved.Select(a => a.OrderId), ignoreOrder: true);
        events.OfType<OrderRejected>().Count().ShouldBe(1_900);
        events.ShouldNeverOversell();
    }

    protected override async Task<StoreApi> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var api = await MartenApi.StartAsync(server, nameof(OrdersOnMartenTests), settings);
        return new StoreApi(api, api);
    }

    [Fact]
    public async Task orders_are_readable_with_their_own_position_and_the_inventory_adds_up_on_postgresql()
    {
        using var api = await MartenApi.StartAsync(server, nameof(OrdersOnMartenTests));
        var itemId = Ids.New("pg-read");
        await api.ListItemAsync(itemId, stock: 3, perUserLimit: 1);
        var answers = await api.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 5).Select(i => ($"{itemId}-o{i}", $"u{i}")));

        foreach (var (orderId, answer) in answers)
        {
            var order = await api.Buyer.QueryAsync($"/api/orders/{QueryCalls.Esc(orderId)}", answer.String("position"));
            order.Status.ShouldBe(HttpStatusCode.OK, order.ToString());
            order.Json.Str("status").ShouldBe(answer.Status == HttpStatusCode.Created ? "reserved" : "rejected");
        }
        var last = answers.Select(a => a.Answer.String("position")).MaxBy(QueryCalls.PositionOf)!;
        var item = await api.Buyer.QueryAsync($"/api/items/{QueryCalls.Esc(itemId)}", last);

        item.Status.ShouldBe(HttpStatusCode.OK, item.ToString());
        (item.Json.Int("available"), item.Json.Int("reserved"), item.Json.Int("rejectedOrders")).ShouldBe((0, 3, 2));
    }
}

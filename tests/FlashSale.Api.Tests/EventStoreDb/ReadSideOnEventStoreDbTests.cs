using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.EventStoreDb;

/// <summary>The read side on EventStoreDB's positions (commit/prepare pairs, not a gap-free sequence): the tokens the
/// commands answer with are the ones the projections' checkpoints reach.</summary>
public sealed class ReadSideOnEventStoreDbTests : IAsyncLifetime
{
    private EventStoreDbApi _app = null!;

    public async Task InitializeAsync() => _app = await EventStoreDbApi.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task orders_are_readable_with_their_own_position_and_the_inventory_adds_up()
    {
        var api = _app.Api;
        var itemId = Ids.New("esdb-read");
        await api.ListItemAsync(itemId, stock: 3, perUserLimit: 1);
        var answers = await api.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 5).Select(i => ($"{itemId}-o{i}", $"u{i}")));

        foreach (var (orderId, answer) in answers)
        {
            var token = answer.String("position");
            QueryCalls.PositionOf(token).Commit.ShouldBeGreaterThan(0UL);
            var order = await api.Buyer.QueryAsync($"/api/orders/{QueryCalls.Esc(orderId)}", token);
            order.Status.ShouldBe(HttpStatusCode.OK, order.ToString());
            order.Json.Str("status").ShouldBe(answer.Status == HttpStatusCode.Created ? "reserved" : "rejected");
        }
        var last = answers.Select(a => a.Answer.String("position")).MaxBy(QueryCalls.PositionOf)!;
        var item = await api.Buyer.QueryAsync($"/api/items/{QueryCalls.Esc(itemId)}", last);

        item.Status.ShouldBe(HttpStatusCode.OK, item.ToString());
        (item.Json.Int("available"), item.Json.Int("reserved"), item.Json.Int("rejectedOrders")).ShouldBe((0, 3, 2));
    }
}

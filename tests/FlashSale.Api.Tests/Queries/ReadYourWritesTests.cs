using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Queries;

public sealed class ReadYourWritesTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();

    [Fact]
    public async Task orders_queried_with_the_position_of_their_placement_are_visible_at_once()
    {
        var itemId = Ids.New("ryw");
        await _api.ListItemAsync(itemId, stock: 10);
        var first = await _api.PlaceOrderAsync(Ids.New("order"), itemId, "ryw-user");
        var second = await _api.PlaceOrderAsync(Ids.New("order"), itemId, "ryw-other");
        var secondId = second.String("orderId");
        var position = second.String("position");

        var order = await _api.Buyer.QueryAsync($"/api/orders/{secondId}", position);
        order.Status.ShouldBe(HttpStatusCode.OK, order.ToString());
        order.Json.Str("status").ShouldBe("reserved");
        order.Json.Str("userId").ShouldBe("ryw-other");
        order.Json.GetProperty("reservedUntil").GetDateTimeOffset().ShouldBe(second.Json.GetProperty("reservedUntil").GetDateTimeOffset());
        QueryCalls.PositionOf(order.Header("X-Read-Model-Position")!).ShouldBeGreaterThanOrEqualTo(QueryCalls.PositionOf(position));

        var item = await _api.Buyer.QueryAsync($"/api/items/{itemId}", position);
        item.Status.ShouldBe(HttpStatusCode.OK, item.ToString());
        (item.Json.Int("reserved"), item.Json.Int("available"), item.Json.Int("initialStock")).ShouldBe((2, 8, 10));

        var mine = await _api.Buyer.QueryAsync("/api/users/ryw-user/orders", first.String("position"));
        mine.Items().ShouldHaveSingleItem().Str("orderId").ShouldBe(first.String("orderId"));
        QueryCalls.PositionOf(mine.Json.Str("position")).ShouldBeGreaterThanOrEqualTo(QueryCalls.PositionOf(first.String("position")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1-")]
    [InlineData("1.5")]
    public async Task a_malformed_position_token_is_a_400_naming_min_position(string token)
    {
        var answer = await _api.Buyer.QueryAsync("/api/items", token);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        answer.Answer.Code.ShouldBe("min_position.invalid");
        answer.Answer.ErrorFields.ShouldBe(["minPosition"]);
    }

    [Fact]
    public async Task an_unknown_item_or_order_is_a_404_problem_even_after_waiting_for_a_fresh_position()
    {
        var itemId = Ids.New("known");
        var position = (await _api.ListItemAsync(itemId, stock: 1)).String("position");

        var item = await _api.Buyer.QueryAsync($"/api/items/{Ids.New("nope")}", position);
        item.Status.ShouldBe(HttpStatusCode.NotFound, item.ToString());
        item.Answer.Code.ShouldBe("item.not_found");

        var order = await _api.Buyer.QueryAsync($"/api/orders/{Ids.New("nope")}", position);
        order.Status.ShouldBe(HttpStatusCode.NotFound, order.ToString());
        order.Answer.Code.ShouldBe("order.not_found");
    }

    public void Dispose() => _api.Dispose();
}

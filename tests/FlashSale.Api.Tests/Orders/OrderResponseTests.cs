using System.Net;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Orders;

public sealed class OrderResponseTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task a_reservation_answers_201_with_order_item_status_deadline_and_position()
    {
        var itemId = Ids.New("shoe");
        await api.ListItemAsync(itemId, stock: 5, paymentWindowSeconds: 300);
        var orderId = Ids.New("order");
        var before = DateTimeOffset.UtcNow;

        var answer = await api.PlaceOrderAsync(orderId, itemId, "buyer-1");

        answer.Status.ShouldBe(HttpStatusCode.Created);
        answer.MediaType.ShouldBe("application/json");
        answer.String("orderId").ShouldBe(orderId);
        answer.String("itemId").ShouldBe(itemId);
        answer.String("status").ShouldBe("reserved");
        answer.Json.GetProperty("reservedUntil").GetDateTimeOffset()
            .ShouldBeInRange(before.AddSeconds(300), DateTimeOffset.UtcNow.AddSeconds(300));
        answer.Json.GetProperty("position").ValueKind.ShouldBe(JsonValueKind.String);
        answer.String("position").ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task a_rejection_answers_409_problem_with_code_and_position()
    {
        var itemId = Ids.New("gone");
        await api.ListItemAsync(itemId, stock: 0);
        var orderId = Ids.New("order");

        var answer = await api.PlaceOrderAsync(orderId, itemId, "buyer-1");

        answer.Status.ShouldBe(HttpStatusCode.Conflict);
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe(RejectionReasons.SoldOut);
        answer.Json.GetProperty("status").GetInt32().ShouldBe(409);
        answer.String("title").ShouldNotBeNullOrWhiteSpace();
        answer.String("detail").ShouldNotBeNullOrWhiteSpace();
        answer.String("orderId").ShouldBe(orderId);
        answer.Json.GetProperty("position").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task positions_of_later_orders_are_different_tokens()
    {
        var itemId = Ids.New("tokens");
        await api.ListItemAsync(itemId, stock: 5, perUserLimit: 5);

        var first = await api.PlaceOrderAsync(Ids.New("order"), itemId, "buyer-1");
        var second = await api.PlaceOrderAsync(Ids.New("order"), itemId, "buyer-1");

        second.String("position").ShouldNotBe(first.String("position"));
    }

    [Fact]
    public async Task an_order_for_an_unknown_item_answers_404_and_appends_nothing()
    {
        var head = await api.HeadAsync();

        var answer = await api.PlaceOrderAsync(Ids.New("order"), Ids.New("no-such-item"), "buyer-1");

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe("item.not_found");
        (await api.HeadAsync()).ShouldBe(head);
    }
}

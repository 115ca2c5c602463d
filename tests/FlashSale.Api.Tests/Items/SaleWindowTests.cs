using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Items;

public sealed class SaleWindowTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task listing_an_item_whose_sale_window_has_already_ended_is_a_400_naming_sale_ends_at_and_appends_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        var head = await api.HeadAsync();

        var answer = await api.Operator.PostJsonAsync("/api/items", new
        {
            itemId = Ids.New("over"), name = "Yesterday's deal", stock = 5, perUserLimit = 1,
            saleStartsAt = now.AddDays(-1), saleEndsAt = now.AddHours(-1),
        });

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe("item.sale_already_ended");
        answer.ErrorFields.ShouldBe(["saleEndsAt"]);
        answer.String("detail").ShouldContain("has already passed");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task an_order_before_the_sale_says_it_has_not_started_and_when_it_starts()
    {
        var itemId = Ids.New("soon");
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        (await api.Operator.PostJsonAsync("/api/items", new
        {
            itemId, name = "Tomorrow's deal", stock = 5, perUserLimit = 1, saleStartsAt = startsAt, saleEndsAt = startsAt.AddHours(1),
        })).Status.ShouldBe(HttpStatusCode.Created);
        var orderId = Ids.New("early");

        var answer = await api.PlaceOrderAsync(orderId, itemId, "early-bird");
        var repeat = await api.PlaceOrderAsync(orderId, itemId, "early-bird");

        (answer.Status, answer.Code).ShouldBe((HttpStatusCode.Conflict, "sale_not_active"));
        answer.Json.GetProperty("saleStartsAt").GetDateTimeOffset().ShouldBe(startsAt);
        answer.Json.TryGetProperty("saleEndedAt", out _).ShouldBeFalse();
        answer.String("detail").ShouldContain("has not started yet: it starts at");
        repeat.SameAs(answer).ShouldBeTrue(repeat.ToString());
    }

    [Fact]
    public async Task an_order_after_the_sale_says_it_has_ended_and_when_it_ended()
    {
        var itemId = Ids.New("over");
        var endedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await EarlierListings.AppendAsync(api.Store, itemId, endedAt.AddHours(-1), endedAt);

        var answer = await api.PlaceOrderAsync(Ids.New("late"), itemId, "late-comer");

        (answer.Status, answer.Code).ShouldBe((HttpStatusCode.Conflict, "sale_not_active"));
        answer.Json.GetProperty("saleEndedAt").GetDateTimeOffset().ShouldBe(endedAt);
        answer.Json.TryGetProperty("saleStartsAt", out _).ShouldBeFalse();
        answer.String("detail").ShouldContain("has ended: it ended at");
    }
}

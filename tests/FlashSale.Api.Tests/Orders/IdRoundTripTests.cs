using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Orders;

/// <summary>Every accepted id names exactly itself in a URL: the Location of an order, its payment callback, its status.</summary>
public sealed class IdRoundTripTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Theory]
    [InlineData("Zoe-order:1@shop~x.y")]
    [InlineData("a..b")]
    [InlineData("..x")]
    public async Task an_accepted_order_id_is_reached_through_its_location_by_status_query_and_payment_callback(string suffix)
    {
        var itemId = Ids.New("round-trip");
        await api.ListItemAsync(itemId, stock: 3);
        var orderId = $"{suffix}-{Guid.NewGuid():N}"[..(suffix.Length + 9)];

        using var placed = await api.Buyer.PostAsJsonAsync("/api/orders", new { orderId, itemId, userId = "user~1", quantity = 1 });
        placed.StatusCode.ShouldBe(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var location = placed.Headers.Location!.OriginalString;
        var position = (await placed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).Str("position");

        var status = await api.Buyer.QueryAsync(location, position);
        status.Status.ShouldBe(HttpStatusCode.OK, status.ToString());
        status.Json.Str("orderId").ShouldBe(orderId);

        var paid = await api.Buyer.PostSignedAsync(location + "/payment", """{"paymentReference":"psp-1"}""");
        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());
        paid.String("orderId").ShouldBe(orderId);
        (await api.Buyer.QueryAsync($"/api/users/{Uri.EscapeDataString("user~1")}/orders", paid.String("position")))
            .Items().ShouldContain(o => o.Str("orderId") == orderId);
    }

    public static TheoryData<string, string> UnaddressableIds => new()
    {
        { "a slash", "p/1" },
        { "a percent sign", "p%2F1" },
        { "a dot alone", "." },
        { "two dots alone", ".." },
        { "a space", "p 1" },
        { "a question mark", "p?1" },
        { "a hash", "p#1" },
        { "an accent (not ASCII)", "caf\u00E9" },
        { "decomposed (NFD) accents", "cafe\u0301" },
        { "129 bytes in 43 characters", new string('\u20AC', 43) },
    };

    [Theory]
    [MemberData(nameof(UnaddressableIds))]
    public async Task an_id_that_cannot_round_trip_through_a_url_is_refused_naming_the_rule_and_appends_nothing(string description, string id)
    {
        var itemId = Ids.New("refused-ids");
        await api.ListItemAsync(itemId, stock: 3);
        var head = await api.HeadAsync();

        var asOrder = await api.PlaceOrderAsync(id, itemId, "user-1");
        var asUser = await api.PlaceOrderAsync(Ids.New("o"), itemId, id);
        var asItem = await api.Operator.ListItemAsync(id, stock: 1);

        foreach (var (answer, field) in new[] { (asOrder, "orderId"), (asUser, "userId"), (asItem, "itemId") })
        {
            answer.Status.ShouldBe(HttpStatusCode.BadRequest, $"{description} as {field}: {answer}");
            answer.ErrorFields.ShouldBe([field], description);
            answer.Text.ShouldContain($"'{field}'", customMessage: description);
        }
        (await api.HeadAsync()).ShouldBe(head);
    }
}

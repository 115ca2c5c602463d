using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Queries;

public sealed class QueryPagingTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();

    [Fact]
    public async Task items_are_listed_in_pages_with_a_next_link_until_the_last_page()
    {
        string? position = null;
        foreach (var id in new[] { "page-a", "page-b", "page-c" }) position = (await _api.ListItemAsync(id, stock: 2)).String("position");

        var first = await _api.Buyer.QueryAsync("/api/items?limit=2", position);
        first.Items().Select(i => i.Str("itemId")).ShouldBe(["page-a", "page-b"]);
        (first.Json.Int("limit"), first.Json.Int("offset")).ShouldBe((2, 0));
        first.Items()[0].Int("available").ShouldBe(2);
        var next = first.Json.Str("next");
        first.Json.Str("position").ShouldBe(first.Header("X-Read-Model-Position"));

        var last = await _api.Buyer.QueryAsync(next);
        last.Items().Select(i => i.Str("itemId")).ShouldBe(["page-c"]);
        last.Json.IsNull("next").ShouldBeTrue();
    }

    [Fact]
    public async Task a_users_orders_are_listed_oldest_first_in_pages()
    {
        var itemIds = new[] { Ids.New("u-item"), Ids.New("u-item"), Ids.New("u-item") };
        var orderIds = new List<string>();
        string? position = null;
        foreach (var itemId in itemIds)
        {
            await _api.ListItemAsync(itemId, stock: 5);
            var placed = await _api.PlaceOrderAsync(Ids.New("order"), itemId, "paging-user");
            orderIds.Add(placed.String("orderId"));
            position = placed.String("position");
        }
        await _api.PlaceOrderAsync(Ids.New("order"), itemIds[0], "someone-else");

        var first = await _api.Buyer.QueryAsync("/api/users/paging-user/orders?limit=2", position);
        first.Items().Select(o => o.Str("orderId")).ShouldBe(orderIds.Take(2));
        var rest = await _api.Buyer.QueryAsync(first.Json.Str("next"));
        rest.Items().Select(o => o.Str("orderId")).ShouldBe(orderIds.Skip(2));
        rest.Json.IsNull("next").ShouldBeTrue();

        (await _api.Buyer.QueryAsync("/api/users/nobody-at-all/orders")).Items().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/api/items?limit=0", "limit")]
    [InlineData("/api/items?limit=501", "limit")]
    [InlineData("/api/items?limit=ten", "limit")]
    [InlineData("/api/items?offset=-1", "offset")]
    [InlineData("/api/users/u/orders?limit=1000", "limit")]
    [InlineData("/api/admin/dlq?offset=x", "offset")]
    [InlineData("/api/items/%20padded", "itemId")]
    [InlineData("/api/orders/%01ctrl", "orderId")]
    [InlineData("/api/users/%E2%80%8Binvisible%E2%80%AE/orders", "userId")]
    public async Task bad_paging_or_ids_are_a_400_naming_the_field(string path, string field)
    {
        var answer = await _api.Operator.QueryAsync(path);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        answer.Answer.Code.ShouldBe("validation_failed");
        answer.Answer.ErrorFields.ShouldBe([field]);
    }

    [Fact]
    public async Task an_id_longer_than_128_characters_is_a_400()
    {
        var answer = await _api.Buyer.QueryAsync($"/api/orders/{new string('o', 129)}");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        answer.Answer.ErrorFields.ShouldBe(["orderId"]);
    }

    public void Dispose() => _api.Dispose();
}

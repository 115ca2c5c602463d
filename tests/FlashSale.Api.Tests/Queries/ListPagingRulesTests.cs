using System.Net;
using System.Text.Json;
using FlashSale.Api.Tests.Admin;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Queries;

/// <summary>Every list pages the same way: the same parameters and limits, the same refusals, the same paging fields.</summary>
public sealed class ListPagingRulesTests : IClassFixture<FlashSaleApiFactory>
{
    private readonly FlashSaleApiFactory _api;
    private readonly string _itemId;
    private readonly string _orderId;

    public ListPagingRulesTests(FlashSaleApiFactory api)
    {
        _api = api;
        (_itemId, _orderId) = SoldAsync().GetAwaiter().GetResult();
    }

    private string[] Lists =>
    [
        "/api/items", "/api/users/paging-buyer/orders", "/api/admin/dlq", "/api/admin/projections/inventory/poison-events",
        $"/api/audit/items/{_itemId}", $"/api/audit/orders/{_orderId}", $"/api/audit/items/{_itemId}/history",
        $"/api/audit/orders/{_orderId}/history",
    ];

    /// <summary>An item with three orders of one buyer: 7 events on its stream (listing, then placed + reserved per order);
    /// and two dead letters on another item.</summary>
    private async Task<(string, string)> SoldAsync()
    {
        var itemId = Ids.New("paged");
        await _api.ListItemAsync(itemId, stock: 5, perUserLimit: 5);
        string? orderId = null;
        for (var i = 0; i < 3; i++) orderId = (await _api.PlaceOrderAsync(Ids.New("order"), itemId, "paging-buyer")).String("orderId");
        var deadItem = Ids.New("paged-dead");
        await _api.ListItemAsync(deadItem, stock: 2);
        for (var i = 0; i < 2; i++) await DeadLetterOrders.PlaceAndTimeOutAsync(_api, deadItem, $"dead-buyer-{i}");
        return (itemId, orderId!);
    }

    [Fact]
    public async Task every_list_answers_the_same_paging_fields_and_says_when_rows_were_left_out()
    {
        var head = (await _api.HeadAsync())!.Value.ToToken();
        foreach (var list in Lists)
        {
            var page = await _api.Operator.QueryAsync($"{list}?limit=1", list.StartsWith("/api/audit", StringComparison.Ordinal) ? null : head);

            page.Status.ShouldBe(HttpStatusCode.OK, $"{list}: {page}");
            (page.Json.Int("limit"), page.Json.Int("offset")).ShouldBe((1, 0), list);
            var hasMore = page.Json.GetProperty("hasMore").GetBoolean();
            if (hasMore)
            {
                page.Json.Int("nextOffset").ShouldBe(1, list);
                var next = page.Json.Str("next");
                next.ShouldContain("offset=1", Case.Sensitive, list);
                next.ShouldContain("limit=1", Case.Sensitive, list);
            }
            else
            {
                (page.Json.IsNull("next"), page.Json.IsNull("nextOffset")).ShouldBe((true, true), list);
            }
            if (list != "/api/admin/projections/inventory/poison-events") hasMore.ShouldBeTrue($"{list} has more than one row: {page}");
        }
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=ten", "offset")]
    public async Task every_list_refuses_the_same_bad_paging_with_the_same_code_naming_the_field(string query, string field)
    {
        foreach (var list in Lists)
        {
            var answer = await _api.Operator.QueryAsync($"{list}?{query}");

            answer.Status.ShouldBe(HttpStatusCode.BadRequest, $"{list}: {answer}");
            answer.Answer.Code.ShouldBe("validation_failed", list);
            answer.Answer.ErrorFields.ShouldBe([field], list);
            answer.Json.Str("detail").ShouldContain($"'{field}' must be a whole number from", Case.Sensitive, list);
        }
    }

    [Fact]
    public async Task an_items_history_is_paged_and_every_page_carries_the_state_as_of_the_point()
    {
        var whole = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}/history?limit=500");
        var steps = new List<JsonElement>();
        var pages = 0;
        string? path = $"/api/audit/items/{_itemId}/history?limit=3";
        while (path is not null)
        {
            var page = await _api.Operator.QueryAsync(path);
            page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
            page.Json.GetProperty("state").GetRawText().ShouldBe(whole.Json.GetProperty("state").GetRawText());
            steps.AddRange(page.Json.GetProperty("steps").EnumerateArray());
            path = page.Json.GetProperty("hasMore").GetBoolean() ? page.Json.Str("next") : null;
            pages++;
        }

        pages.ShouldBe(3);
        steps.Select(s => s.GetProperty("revision").GetInt64()).ShouldBe(Enumerable.Range(0, 7).Select(i => (long)i));
        steps.Select(s => s.GetRawText()).ShouldBe(whole.Json.GetProperty("steps").EnumerateArray().Select(s => s.GetRawText()));
        whole.Json.GetProperty("hasMore").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task an_audit_trail_reads_offset_and_still_its_older_name_from()
    {
        var byOffset = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}?offset=5&limit=1");
        var byFrom = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}?from=5&limit=1");
        var both = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}?from=5&offset=5");

        byOffset.Json.GetProperty("events").EnumerateArray().Single().GetProperty("revision").GetInt64().ShouldBe(5);
        byFrom.Answer.Text.ShouldBe(byOffset.Answer.Text);
        (byOffset.Json.Int("nextOffset"), byOffset.Json.GetProperty("nextFrom").GetInt64()).ShouldBe((6, 6L));
        byOffset.Json.Str("next").ShouldNotContain("from=");
        (both.Status, both.Answer.Code).ShouldBe((HttpStatusCode.BadRequest, "validation_failed"));
    }
}

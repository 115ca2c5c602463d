using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Audit;

public sealed class AuditEndpointTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();
    private readonly string _itemId = Ids.New("audited");
    private readonly string _orderId = Ids.New("order");

    /// <summary>Listing (1 event), three orders (2 events each), a payment (1 event): 8 events on the item stream.</summary>
    private async Task SellAsync()
    {
        await _api.ListItemAsync(_itemId, stock: 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { orderId = _orderId, itemId = _itemId, userId = "alice", quantity = 1 }),
        };
        request.Headers.Add("X-Correlation-Id", "checkout-42");
        (await _api.Buyer.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _api.PlaceOrderAsync(Ids.New("order"), _itemId, "bob");
        await _api.PlaceOrderAsync(Ids.New("order"), _itemId, "carol");
        (await _api.Buyer.PayAsync(_orderId, "pay-alice")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_items_trail_pages_through_every_event_once_in_order_with_its_metadata()
    {
        await SellAsync();
        var events = new List<JsonElement>();
        var path = $"/api/audit/items/{_itemId}?limit=3";
        var pages = 0;
        while (path is not null)
        {
            var page = await _api.Operator.QueryAsync(path);
            page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
            events.AddRange(page.Json.GetProperty("events").EnumerateArray());
            path = page.Json.IsNull("next") ? null : page.Json.Str("next");
            pages++;
        }

        pages.ShouldBe(3);
        events.Select(e => e.GetProperty("revision").GetInt64()).ShouldBe(Enumerable.Range(0, 8).Select(i => (long)i));
        var positions = events.Select(e => QueryCalls.PositionOf(e.Str("position"))).ToList();
        positions.ShouldBe(positions.Order());
        events[0].Str("type").ShouldContain("SaleItemListed");
        events[0].GetProperty("metadata").Str("actor").ShouldBe("operator");
        var placed = events[1];
        placed.GetProperty("data").Str("orderId").ShouldBe(_orderId);
        var metadata = placed.GetProperty("metadata");
        (metadata.Str("correlationId"), metadata.Str("actor")).ShouldBe(("checkout-42", "user:alice"));
        metadata.Str("causationId").ShouldNotBeNullOrEmpty();
        metadata.GetProperty("timestamp").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task an_orders_trail_and_history_show_only_that_order_and_its_state_as_of_any_point()
    {
        await SellAsync();

        var trail = await _api.Operator.QueryAsync($"/api/audit/orders/{_orderId}?limit=2");
        var types = trail.Json.GetProperty("events").EnumerateArray().Select(e => e.Str("type")).ToList();
        types.Count.ShouldBe(2);
        var rest = await _api.Operator.QueryAsync(trail.Json.Str("next"));
        rest.Json.GetProperty("events").EnumerateArray().Single().Str("type").ShouldContain("PaymentConfirmed");
        rest.Json.IsNull("next").ShouldBeTrue();

        var history = await _api.Operator.QueryAsync($"/api/audit/orders/{_orderId}/history");
        var steps = history.Json.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("state").Str("status")).ShouldBe(["placed", "reserved", "confirmed"]);
        history.Json.GetProperty("state").Str("status").ShouldBe("confirmed");

        var reservedAt = steps[1].Str("position");
        var asOf = await _api.Operator.QueryAsync($"/api/audit/orders/{_orderId}/history?asOfPosition={reservedAt}");
        asOf.Json.GetProperty("state").Str("status").ShouldBe("reserved");
        asOf.Json.GetProperty("steps").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task an_items_history_gives_the_inventory_after_each_event_and_as_of_a_position_or_time()
    {
        await _api.ListItemAsync(_itemId, stock: 5);
        var first = await _api.PlaceOrderAsync(Ids.New("order"), _itemId, "u1");
        await Task.Delay(50);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await _api.PlaceOrderAsync(Ids.New("order"), _itemId, "u2");

        var all = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}/history");
        all.Json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("state").Int("available")).ShouldBe([5, 5, 4, 4, 3]);
        all.Json.GetProperty("state").Int("available").ShouldBe(3);

        var atPosition = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}/history?asOfPosition={first.String("position")}");
        (atPosition.Json.GetProperty("state").Int("available"), atPosition.Json.GetProperty("state").Int("reserved")).ShouldBe((4, 1));
        atPosition.Json.Str("asOfPosition").ShouldBe(first.String("position"));
        var atTime = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}/history?asOfTime={Uri.EscapeDataString(between.ToString("O"))}");
        atTime.Json.GetProperty("state").Int("available").ShouldBe(4);

        var bad = await _api.Operator.QueryAsync($"/api/audit/items/{_itemId}/history?asOfTime=yesterday&asOfPosition=x");
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.Answer.Code.ShouldBe("as_of.invalid");
        bad.Answer.ErrorFields.ShouldBe(["asOfPosition", "asOfTime"], ignoreOrder: true);
    }

    [Fact]
    public async Task unknown_items_and_orders_are_404_in_every_audit_view()
    {
        foreach (var path in new[]
        {
            $"/api/audit/items/{Ids.New("none")}", $"/api/audit/orders/{Ids.New("none")}", $"/api/audit/items/{Ids.New("none")}/history",
            $"/api/audit/orders/{Ids.New("none")}/history", $"/api/audit/export?itemId={Ids.New("none")}", $"/api/audit/export?orderId={Ids.New("none")}",
        })
        {
            var answer = await _api.Operator.QueryAsync(path);
            answer.Status.ShouldBe(HttpStatusCode.NotFound, $"{path}: {answer}");
            answer.Answer.Code.ShouldBeOneOf("item.not_found", "order.not_found");
        }
    }

    [Fact]
    public async Task export_streams_json_lines_and_csv_of_an_item_or_an_order()
    {
        await SellAsync();

        var jsonl = await _api.Operator.QueryAsync($"/api/audit/export?itemId={_itemId}");
        jsonl.Answer.MediaType.ShouldBe("application/x-ndjson");
        var lines = jsonl.Answer.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(8);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("revision").GetInt64()).ShouldBe(Enumerable.Range(0, 8).Select(i => (long)i));

        var csv = await _api.Operator.QueryAsync($"/api/audit/export?orderId={_orderId}&format=csv");
        csv.Answer.MediaType.ShouldBe("text/csv");
        var rows = csv.Answer.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r')).ToList();
        rows[0].ShouldStartWith("position,stream_id,revision,type");
        rows.Count.ShouldBe(4);
        rows.Skip(1).ShouldAllBe(r => r.Contains(_orderId) && r.Contains($"item-{_itemId}"));
        rows[1].ShouldContain("checkout-42");

        var log = await _api.Operator.QueryAsync("/api/audit/export");
        log.Answer.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Count(l => JsonDocument.Parse(l).RootElement.Str("streamId") == $"item-{_itemId}").ShouldBe(8);

        var bad = await _api.Operator.QueryAsync($"/api/audit/export?itemId={_itemId}&format=xml");
        (bad.Status, bad.Answer.Code).ShouldBe((HttpStatusCode.BadRequest, "export.invalid_format"));
        var both = await _api.Operator.QueryAsync($"/api/audit/export?itemId={_itemId}&orderId={_orderId}");
        (both.Status, both.Answer.Code).ShouldBe((HttpStatusCode.BadRequest, "export.invalid_scope"));
    }

    public void Dispose() => _api.Dispose();
}

using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Admin;

public sealed class DeadLetterEndpointTests(DeadLetterFixture dlq) : IClassFixture<DeadLetterFixture>
{
    private FlashSaleApiFactory Api => dlq.Api;

    [Fact]
    public async Task the_queue_lists_open_dead_letters_oldest_first_and_filters_by_item_and_state()
    {
        var all = await Api.Operator.QueryAsync("/api/admin/dlq?state=open");
        var failedAt = all.Items().Select(d => d.GetProperty("firstFailedAt").GetDateTimeOffset()).ToList();
        failedAt.ShouldBe(failedAt.Order());
        all.Items().ShouldAllBe(d => d.Str("state") == "open");

        var listed = await Api.Operator.QueryAsync($"/api/admin/dlq?itemId={dlq.ListedItem}");
        listed.Items().Select(d => d.Str("orderId")).ShouldBe(dlq.OrdersOf[dlq.ListedItem]);
        listed.Items().ShouldAllBe(d => d.Str("reason") == "gateway_timeout" && d.Int("attempts") == 1 && d.Str("itemId") == dlq.ListedItem);

        var paged = await Api.Operator.QueryAsync($"/api/admin/dlq?itemId={dlq.ListedItem}&limit=1");
        paged.Items().ShouldHaveSingleItem().Str("orderId").ShouldBe(dlq.OrdersOf[dlq.ListedItem][0]);
        (await Api.Operator.QueryAsync(paged.Json.Str("next"))).Items().ShouldHaveSingleItem().Str("orderId")
            .ShouldBe(dlq.OrdersOf[dlq.ListedItem][1]);

        (await Api.Operator.QueryAsync($"/api/admin/dlq?itemId={dlq.ListedItem}&state=discarded")).Items().ShouldBeEmpty();
        var one = await Api.Operator.QueryAsync($"/api/admin/dlq/{dlq.OrdersOf[dlq.ListedItem][1]}");
        one.Json.Str("state").ShouldBe("open");
    }

    [Fact]
    public async Task an_unknown_state_is_a_400_listing_the_allowed_states()
    {
        var answer = await Api.Operator.QueryAsync("/api/admin/dlq?state=closed");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Answer.Code.ShouldBe("dead_letter.invalid_state");
        answer.Json.Str("detail").ShouldContain("open, retried, discarded");
    }

    [Fact]
    public async Task a_retry_reserves_the_stock_again_with_a_new_payment_window_and_marks_the_dead_letter_retried()
    {
        var orderId = dlq.OrdersOf[dlq.RetryItem][0];
        var before = await Api.Operator.QueryAsync($"/api/orders/{orderId}");

        var retry = await Api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/retry");

        retry.Status.ShouldBe(HttpStatusCode.OK, retry.ToString());
        (retry.String("outcome"), retry.String("itemId"), retry.Json.Int("retry")).ShouldBe(("retried", dlq.RetryItem, 1));
        var position = retry.String("position");
        var letter = await Api.Operator.QueryAsync($"/api/admin/dlq/{orderId}", position);
        (letter.Json.Str("state"), letter.Json.Int("retries")).ShouldBe(("retried", 1));
        var order = await Api.Buyer.QueryAsync($"/api/orders/{orderId}", position);
        order.Json.Str("status").ShouldBe("reserved");
        var reservedUntil = order.Json.GetProperty("reservedUntil").GetDateTimeOffset();
        reservedUntil.ShouldBe(retry.Json.GetProperty("reservedUntil").GetDateTimeOffset());
        reservedUntil.ShouldBeGreaterThan(before.Json.GetProperty("reservedUntil").GetDateTimeOffset());
        var item = await Api.Buyer.QueryAsync($"/api/items/{dlq.RetryItem}", position);
        (item.Json.Int("available"), item.Json.Int("reserved")).ShouldBe((0, 1));
        (await Api.Operator.QueryAsync($"/api/admin/dlq?state=retried&itemId={dlq.RetryItem}", position)).Items().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_retry_when_sold_out_keeps_the_dead_letter_open_with_reason_sold_out()
    {
        await Api.PlaceOrderAsync(Ids.New("order"), dlq.SoldOutItem, "took-the-last-one");
        var orderId = dlq.OrdersOf[dlq.SoldOutItem][0];

        var retry = await Api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/retry");

        retry.Status.ShouldBe(HttpStatusCode.OK, retry.ToString());
        (retry.String("outcome"), retry.String("reason")).ShouldBe(("retry_failed", "sold_out"));
        var letter = await Api.Operator.QueryAsync($"/api/admin/dlq/{orderId}", retry.String("position"));
        (letter.Json.Str("state"), letter.Json.Str("reason"), letter.Json.Int("attempts")).ShouldBe(("open", "sold_out", 2));
        (await Api.Buyer.QueryAsync($"/api/orders/{orderId}", retry.String("position"))).Json.Str("status").ShouldBe("timed_out");
    }

    [Fact]
    public async Task a_discard_with_a_reason_closes_the_order_and_repeating_it_answers_the_same()
    {
        var orderId = dlq.OrdersOf[dlq.DiscardItem][0];

        var discard = await Api.Operator.PostJsonAsync($"/api/admin/dlq/{orderId}/discard", new { reason = "customer gave up" });

        discard.Status.ShouldBe(HttpStatusCode.OK, discard.ToString());
        discard.String("outcome").ShouldBe("discarded");
        var position = discard.String("position");
        var letter = await Api.Operator.QueryAsync($"/api/admin/dlq/{orderId}", position);
        (letter.Json.Str("state"), letter.Json.Str("discardReason"), letter.Json.Str("lastActor")).ShouldBe(("discarded", "customer gave up", "operator"));
        (await Api.Buyer.QueryAsync($"/api/orders/{orderId}", position)).Json.Str("status").ShouldBe("discarded");

        var again = await Api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/discard");
        again.Status.ShouldBe(HttpStatusCode.OK, again.ToString());
        (again.String("position"), again.Json.GetProperty("repeated").GetBoolean()).ShouldBe((position, true));
        (await Api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/retry")).Code.ShouldBe("order.discarded");
    }

    [Fact]
    public async Task deciding_on_an_unknown_order_is_404_and_on_a_live_order_409()
    {
        var unknown = await Api.Operator.PostEmptyAsync($"/api/admin/dlq/{Ids.New("ghost")}/retry");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound, unknown.ToString());
        unknown.Code.ShouldBe("order.not_found");
        (await Api.Operator.QueryAsync($"/api/admin/dlq/{Ids.New("ghost")}")).Answer.Code.ShouldBe("dead_letter.not_found");

        var itemId = Ids.New("live");
        await Api.ListItemAsync(itemId, stock: 1);
        var live = (await Api.PlaceOrderAsync(Ids.New("order"), itemId, "payer")).String("orderId");
        var conflict = await Api.Operator.PostEmptyAsync($"/api/admin/dlq/{live}/discard");
        conflict.Status.ShouldBe(HttpStatusCode.Conflict, conflict.ToString());
        conflict.Code.ShouldBe("order.not_dead_lettered");
    }

    [Theory]
    [InlineData("{\"reason\":\"x\",\"extra\":1}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"reason\":\"\\u0001\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("reason=x", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task a_malformed_discard_body_is_refused_before_anything_is_recorded(string body, string mediaType, HttpStatusCode status)
    {
        var answer = await Api.Operator.PostRawAsync($"/api/admin/dlq/{dlq.OrdersOf[dlq.ListedItem][0]}/discard", body, mediaType);

        answer.Status.ShouldBe(status, answer.ToString());
        (await Api.Operator.QueryAsync($"/api/admin/dlq/{dlq.OrdersOf[dlq.ListedItem][0]}")).Json.Str("state").ShouldBe("open");
    }

    [Fact]
    public async Task the_metrics_count_open_dead_letters_and_the_age_of_the_oldest()
    {
        var head = (await Api.HeadAsync())!.Value.ToToken();
        var open = (await Api.Operator.QueryAsync("/api/admin/dlq?state=open", head)).Items().Count;

        var metrics = (await Api.Buyer.QueryAsync("/metrics")).Answer.Text;

        metrics.ShouldContain($"\nflashsale_dlq_size {open}\n");
        var age = metrics.Split('\n').Single(l => l.StartsWith("flashsale_dlq_oldest_age_seconds ", StringComparison.Ordinal));
        double.Parse(age.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }
}

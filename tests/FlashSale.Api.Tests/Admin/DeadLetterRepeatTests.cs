using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Admin;

/// <summary>Retry and discard answer a repeat the same way: 200, the first decision's answer, <c>repeated: true</c>.</summary>
public sealed class DeadLetterRepeatTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task a_repeated_retry_answers_what_the_first_retry_recorded_with_repeated_true_and_appends_nothing()
    {
        var itemId = Ids.New("retry-twice");
        await api.ListItemAsync(itemId, stock: 1);
        var orderId = await DeadLetterOrders.PlaceAndTimeOutAsync(api, itemId, "buyer");

        var first = await api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/retry");
        var head = await api.HeadAsync();
        var again = await api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/retry");

        (first.Status, again.Status).ShouldBe((HttpStatusCode.OK, HttpStatusCode.OK), again.ToString());
        first.Json.GetProperty("repeated").GetBoolean().ShouldBeFalse();
        again.Json.GetProperty("repeated").GetBoolean().ShouldBeTrue();
        foreach (var field in new[] { "orderId", "itemId", "outcome", "reservedUntil", "position" })
            again.Json.GetProperty(field).GetRawText().ShouldBe(first.Json.GetProperty(field).GetRawText(), field);
        (again.Json.Int("retry"), again.String("outcome")).ShouldBe((1, "retried"));
        (await api.HeadAsync()).ShouldBe(head, "a repeat appends nothing");
    }

    [Fact]
    public async Task a_discard_answers_the_reason_it_recorded_and_a_repeat_answers_the_first_reason()
    {
        var itemId = Ids.New("discard-twice");
        await api.ListItemAsync(itemId, stock: 1);
        var orderId = await DeadLetterOrders.PlaceAndTimeOutAsync(api, itemId, "buyer");

        var first = await api.Operator.PostJsonAsync($"/api/admin/dlq/{orderId}/discard", new { reason = "customer gave up" });
        var again = await api.Operator.PostJsonAsync($"/api/admin/dlq/{orderId}/discard", new { reason = "another reason" });
        var bare = await api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/discard");

        (first.Status, first.String("reason"), first.Json.GetProperty("repeated").GetBoolean()).ShouldBe((HttpStatusCode.OK, "customer gave up", false));
        foreach (var repeat in new[] { again, bare })
        {
            (repeat.Status, repeat.String("reason"), repeat.Json.GetProperty("repeated").GetBoolean())
                .ShouldBe((HttpStatusCode.OK, "customer gave up", true), repeat.ToString());
            repeat.String("position").ShouldBe(first.String("position"));
        }
    }

    [Fact]
    public async Task a_retry_that_failed_leaves_a_dead_letter_so_retrying_again_is_a_new_attempt_not_a_repeat()
    {
        var itemId = Ids.New("retry-failed");
        await api.ListItemAsync(itemId, stock: 1);
        var orderId = await DeadLetterOrders.PlaceAndTimeOutAsync(api, itemId, "buyer");
        await api.PlaceOrderAsync(Ids.New("order"), itemId, "took-the-last-one");

        var failed = await api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/retry");
        await api.Operator.RestockAsync(itemId, 1);
        var retried = await api.Operator.PostEmptyAsync($"/api/admin/dlq/{orderId}/retry");

        (failed.String("outcome"), failed.Json.Int("retry"), failed.Json.GetProperty("repeated").GetBoolean()).ShouldBe(("retry_failed", 1, false));
        (retried.String("outcome"), retried.Json.Int("retry"), retried.Json.GetProperty("repeated").GetBoolean()).ShouldBe(("retried", 2, false));
    }
}

using System.Diagnostics;
using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Queries;

/// <summary>A <c>minPosition</c> beyond the head of the log can never be reached: it is refused at once instead of
/// after the read-your-writes wait (5 s by default, as here).</summary>
public sealed class MinPositionAheadTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Theory]
    [InlineData("/api/items/{item}")]
    [InlineData("/api/items")]
    [InlineData("/api/orders/{order}")]
    [InlineData("/api/users/someone/orders")]
    [InlineData("/api/admin/dlq")]
    [InlineData("/api/admin/dlq/{order}")]
    public async Task a_position_beyond_the_head_of_the_log_answers_400_min_position_ahead_at_once(string path)
    {
        var itemId = Ids.New("ahead");
        await api.ListItemAsync(itemId, stock: 1);
        var placed = await api.PlaceOrderAsync(Ids.New("order"), itemId, "someone");
        var head = (await api.HeadAsync())!.Value;
        var beyond = (head.Commit + 1).ToString();
        var clock = Stopwatch.StartNew();

        var answer = await api.Operator.QueryAsync(path.Replace("{item}", itemId).Replace("{order}", placed.String("orderId")), beyond);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2.5), "no wait for a position no write can reach");
        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        (answer.Answer.MediaType, answer.Answer.Code).ShouldBe(("application/problem+json", "min_position.ahead"));
        answer.Answer.ErrorFields.ShouldBe(["minPosition"]);
        answer.Json.TryGetProperty("items", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task the_head_itself_is_not_ahead()
    {
        var itemId = Ids.New("head");
        await api.ListItemAsync(itemId, stock: 1);
        var head = (await api.HeadAsync())!.Value.ToToken();

        var answer = await api.Buyer.QueryAsync($"/api/items/{itemId}", head);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        QueryCalls.PositionOf(answer.Header("X-Read-Model-Position")!).ShouldBeGreaterThanOrEqualTo(QueryCalls.PositionOf(head));
    }
}

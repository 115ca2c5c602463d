using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Queries;

public sealed class ReadModelBehindTests : IDisposable
{
    // No projection runs, so a position the log holds stays ahead of every read model (one beyond the log is a 400).
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?>
    {
        ["ReadModels:MinPositionWaitMs"] = "200",
        ["ReadModels:RunProjections"] = "false",
    });

    [Theory]
    [InlineData("/api/items/{item}", "inventory")]
    [InlineData("/api/items", "inventory")]
    [InlineData("/api/orders/{order}", "order-status")]
    [InlineData("/api/users/someone/orders", "order-status")]
    [InlineData("/api/admin/dlq", "dead-letters")]
    [InlineData("/api/admin/dlq/{order}", "dead-letters")]
    public async Task a_position_the_read_model_has_not_reached_answers_503_read_model_behind_not_stale_data(string path, string projection)
    {
        var itemId = Ids.New("behind");
        await _api.ListItemAsync(itemId, stock: 1);
        var placed = await _api.PlaceOrderAsync(Ids.New("order"), itemId, "someone");
        var beyond = placed.String("position");

        var answer = await _api.Operator.QueryAsync(path.Replace("{item}", itemId).Replace("{order}", placed.String("orderId")), beyond);

        answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, answer.ToString());
        answer.Answer.MediaType.ShouldBe("application/problem+json");
        answer.Answer.Code.ShouldBe("read_model.behind");
        answer.Header("Retry-After").ShouldBe("1");
        answer.Json.Str("projection").ShouldBe(projection);
        answer.Json.Str("requestedPosition").ShouldBe(beyond);
        if (!answer.Json.IsNull("checkpoint"))
            QueryCalls.PositionOf(answer.Json.Str("checkpoint")).ShouldBeLessThan(QueryCalls.PositionOf(beyond));
        answer.Json.TryGetProperty("items", out _).ShouldBeFalse();
    }

    public void Dispose() => _api.Dispose();
}

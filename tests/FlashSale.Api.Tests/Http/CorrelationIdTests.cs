using System.Net;
using System.Net.Http.Json;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Http;

/// <summary><c>X-Correlation-Id</c> is recorded on every event of a command: an unusable one is refused, not replaced.</summary>
public sealed class CorrelationIdTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    private const string Allowed = "azAZ09-_.:@~";

    // An empty value is refused as well (1-128), but HttpClient does not send an empty header.
    public static TheoryData<string> Invalid => new()
    {
        new string('a', 129),
        "checkout 42",
        "checkout/42",
        "checkout,42",
        "<script>",
        "caf\u00e9",
        "quote\"d",
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task an_unusable_correlation_id_is_a_400_correlation_id_invalid_naming_the_rule_and_appends_nothing(string id)
    {
        var itemId = Ids.New("traced");
        await api.ListItemAsync(itemId, stock: 5);
        var head = await api.HeadAsync();

        var (answer, echoed) = await PlaceAsync(itemId, [id]);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
        (answer.MediaType, answer.Code).ShouldBe(("application/problem+json", "correlation_id.invalid"));
        answer.String("detail").ShouldContain("1-128");
        answer.String("detail").ShouldContain("- _ . : @ ~");
        answer.ErrorFields.ShouldBe(["X-Correlation-Id"]);
        echoed.ShouldBeNull();
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task two_correlation_ids_are_refused()
    {
        var itemId = Ids.New("traced");
        await api.ListItemAsync(itemId, stock: 5);

        var (answer, _) = await PlaceAsync(itemId, ["first", "second"]);

        answer.Code.ShouldBe("correlation_id.invalid");
    }

    [Fact]
    public async Task operator_commands_refuse_an_unusable_correlation_id_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/items")
        {
            Content = JsonContent.Create(new { itemId = Ids.New("traced"), name = "n", stock = 1, perUserLimit = 1 }),
        };
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "no spaces please");

        var answer = await HttpAnswer.ReadAsync(await api.Operator.SendAsync(request));

        answer.Code.ShouldBe("correlation_id.invalid");
    }

    [Fact]
    public async Task the_longest_id_of_every_allowed_character_is_recorded_and_echoed()
    {
        var itemId = Ids.New("traced");
        await api.ListItemAsync(itemId, stock: 5);
        var id = string.Concat(Enumerable.Repeat(Allowed, 11))[..128];

        var (answer, echoed) = await PlaceAsync(itemId, [id]);

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        echoed.ShouldBe(id);
        var trail = await api.Operator.QueryAsync($"/api/audit/orders/{answer.String("orderId")}");
        trail.Answer.Text.ShouldContain(id);
    }

    [Fact]
    public async Task without_a_correlation_id_the_request_is_its_own_and_is_echoed()
    {
        var itemId = Ids.New("traced");
        await api.ListItemAsync(itemId, stock: 5);

        var (answer, echoed) = await PlaceAsync(itemId, []);

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        echoed.ShouldNotBeNullOrEmpty();
    }

    private async Task<(HttpAnswer Answer, string? Echoed)> PlaceAsync(string itemId, string[] correlationIds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { orderId = Ids.New("order"), itemId, userId = "tracer", quantity = 1 }),
        };
        foreach (var id in correlationIds) request.Headers.TryAddWithoutValidation("X-Correlation-Id", id);
        using var response = await api.Buyer.SendAsync(request);
        var echoed = response.Headers.TryGetValues("X-Correlation-Id", out var values) ? string.Join(",", values) : null;
        return (await HttpAnswer.ReadAsync(response), echoed);
    }
}

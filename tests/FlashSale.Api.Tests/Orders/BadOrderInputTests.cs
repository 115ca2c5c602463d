using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Orders;

public sealed class BadOrderInputFixture : IAsyncLifetime
{
    public const string ItemId = "bad-input-item";

    public FlashSaleApiFactory Api { get; } = new();

    public async Task InitializeAsync() =>
        (await Api.ListItemAsync(ItemId, stock: 10, perUserLimit: 2)).Status.ShouldBe(HttpStatusCode.Created);

    public Task DisposeAsync()
    {
        Api.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Hostile and broken order requests: each gets a 4xx problem that says what is wrong, and nothing reaches the log.</summary>
public sealed class BadOrderInputTests(BadOrderInputFixture fixture) : IClassFixture<BadOrderInputFixture>
{
    private const string Item = BadOrderInputFixture.ItemId;
    private static readonly string Long = new('x', 129);

    private FlashSaleApiFactory Api => fixture.Api;

    private static string Order(string orderId = "\"bad-1\"", string itemId = $"\"{Item}\"", string userId = "\"user-1\"", string quantity = "1") =>
        $$"""{"orderId": {{orderId}}, "itemId": {{itemId}}, "userId": {{userId}}, "quantity": {{quantity}}}""";

    /// <summary>Description, raw body, expected status, the fields the problem must name (none: the body is not an order at all).</summary>
    public static TheoryData<string, string, int, string[]> InvalidBodies => new()
    {
        { "malformed JSON", """{"orderId": "bad-1", "itemId": """, 400, [] },
        { "trailing garbage", Order() + "}", 400, [] },
        { "quantity as a string", Order(quantity: "\"abc\""), 400, ["quantity"] },
        { "quantity as a numeric string", Order(quantity: "\"1\""), 400, ["quantity"] },
        { "fractional quantity", Order(quantity: "1.5"), 400, ["quantity"] },
        { "orderId as a number", Order(orderId: "123"), 400, ["orderId"] },
        { "userId as an object", Order(userId: """{"id": 1}"""), 400, ["userId"] },
        { "quantity as a boolean", Order(quantity: "true"), 400, ["quantity"] },
        { "negative quantity", Order(quantity: "-1"), 400, ["quantity"] },
        { "zero quantity", Order(quantity: "0"), 400, ["quantity"] },
        { "quantity 1e12", Order(quantity: "1e12"), 400, ["quantity"] },
        { "quantity beyond 64 bits", Order(quantity: "99999999999999999999"), 400, ["quantity"] },
        { "quantity above int range", Order(quantity: "2147483648"), 400, ["quantity"] },
        { "quantity above the per-user limit", Order(quantity: "3"), 400, ["quantity"] },
        { "empty orderId", Order(orderId: "\"\""), 400, ["orderId"] },
        { "empty itemId", Order(itemId: "\"\""), 400, ["itemId"] },
        { "empty userId", Order(userId: "\"\""), 400, ["userId"] },
        { "129-char orderId", Order(orderId: $"\"{Long}\""), 400, ["orderId"] },
        { "129-char itemId", Order(itemId: $"\"{Long}\""), 400, ["itemId"] },
        { "129-char userId", Order(userId: $"\"{Long}\""), 400, ["userId"] },
        { "orderId with \\u0001", Order(orderId: "\"bad\\u0001id\""), 400, ["orderId"] },
        { "userId with \\n", Order(userId: "\"user\\n1\""), 400, ["userId"] },
        { "itemId that is only a control character", Order(itemId: "\"\\u0001\""), 400, ["itemId"] },
        { "userId with a raw (unescaped) tab", Order(userId: "\"user\t1\""), 400, [] },
        { "orderId padded with spaces", Order(orderId: "\" bad-1 \""), 400, ["orderId"] },
        { "several invalid fields at once", Order(orderId: "\"\"", userId: $"\"{Long}\"", quantity: "0"), 400, ["orderId", "userId", "quantity"] },
        { "unknown field", """{"orderId": "bad-1", "itemId": "bad-input-item", "userId": "user-1", "quantity": 1, "coupon": "FREE"}""", 400, ["coupon"] },
        { "duplicate field", """{"orderId": "bad-1", "itemId": "bad-input-item", "userId": "user-1", "quantity": 1, "quantity": 1}""", 400, ["quantity"] },
        { "all fields missing", "{}", 400, ["orderId", "itemId", "userId", "quantity"] },
        { "userId and quantity missing", """{"orderId": "bad-1", "itemId": "bad-input-item"}""", 400, ["userId", "quantity"] },
        { "explicit nulls", """{"orderId": null, "itemId": "bad-input-item", "userId": null, "quantity": null}""", 400, ["orderId", "userId", "quantity"] },
        { "JSON null body", "null", 400, [] },
        { "array body", """[{"orderId": "bad-1"}]""", 400, [] },
        { "string body", "\"order\"", 400, [] },
        { "empty body", "", 400, [] },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task an_invalid_order_body_answers_4xx_naming_the_problem_and_appends_nothing(
        string description, string body, int status, string[] fields)
    {
        var head = await Api.HeadAsync();

        var answer = await Api.Buyer.PostRawAsync("/api/orders", body);

        ShouldBeAClearProblem(answer, status, description);
        if (fields.Length > 0) answer.ErrorFields.ShouldBe(fields, ignoreOrder: true, $"{description}: {answer}");
        (await Api.HeadAsync()).ShouldBe(head, description);
    }

    [Fact]
    public async Task the_problem_names_an_unknown_field_even_when_the_rest_is_valid()
    {
        var answer = await Api.Buyer.PostRawAsync("/api/orders",
            """{"orderId": "bad-2", "itemId": "bad-input-item", "userId": "user-1", "quantity": 1, "price": 0}""");

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Text.ShouldContain("price");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task an_order_that_is_not_sent_as_json_answers_415(string? mediaType)
    {
        var head = await Api.HeadAsync();

        var answer = await Api.Buyer.PostRawAsync("/api/orders", Order(), mediaType);

        ShouldBeAClearProblem(answer, 415, mediaType ?? "no content type");
        (await Api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task a_one_megabyte_body_answers_413()
    {
        var head = await Api.HeadAsync();

        var answer = await Api.Buyer.PostRawAsync("/api/orders", Order(userId: $"\"{new string('u', 1024 * 1024)}\""));

        ShouldBeAClearProblem(answer, 413, "1 MB body");
        (await Api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task a_one_megabyte_body_without_a_content_length_answers_413()
    {
        var head = await Api.HeadAsync();
        var megabyte = System.Text.Encoding.UTF8.GetBytes(Order(userId: $"\"{new string('u', 1024 * 1024)}\""));
        using var content = new StreamContent(new MemoryStream(megabyte));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var answer = await HttpAnswer.ReadAsync(await Api.Buyer.SendAsync(request));

        ShouldBeAClearProblem(answer, 413, "chunked 1 MB body");
        (await Api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task a_valid_order_still_goes_through_after_all_that()
    {
        var answer = await Api.Buyer.PostRawAsync("/api/orders", Order(orderId: $"\"{Ids.New("good")}\"", userId: "\"good-user\""));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
    }

    private static void ShouldBeAClearProblem(HttpAnswer answer, int status, string description)
    {
        ((int)answer.Status).ShouldBe(status, $"{description}: {answer}");
        answer.MediaType.ShouldBe("application/problem+json", description);
        answer.Json.GetProperty("status").GetInt32().ShouldBe(status, description);
        answer.Code.ShouldNotBeNullOrWhiteSpace(description);
        answer.String("detail").ShouldNotBeNullOrWhiteSpace(description);
        answer.Text.ShouldNotContain("Exception", Case.Sensitive, description);
    }
}

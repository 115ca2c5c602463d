using System.Net;
using FlashSale.Api.Tests.Fixtures;
using static FlashSale.Api.Tests.Fixtures.BuyerCredentials;

namespace FlashSale.Api.Tests.Buyers;

/// <summary><c>Buyers:Authentication = Jwt</c>: who may call buyer endpoints, and for whom.</summary>
public sealed class BuyerTokenTests(JwtBuyersApi fixture) : IClassFixture<JwtBuyersApi>
{
    private readonly FlashSaleApiFactory _api = fixture.Api;

    public static TheoryData<string, string?> UnusableTokens => new()
    {
        { "no token", null },
        { "not a JWT", "not-a-token" },
        { "expired", Token("alice", expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "another issuer", Token("alice", issuer: "https://evil.example") },
        { "another audience", Token("alice", audience: "another-api") },
        { "another signing key", Token("alice", signingKey: "someone-elses-signing-key-0123456789abcdef") },
        { "unsigned", Token("alice", signingKey: null) },
        { "no user", Token(null) },
    };

    [Theory]
    [MemberData(nameof(UnusableTokens))]
    public async Task an_order_without_a_usable_token_answers_401_and_appends_nothing(string kind, string? token)
    {
        var itemId = Ids.New("guarded");
        await _api.ListItemAsync(itemId, stock: 5);
        using var client = token is null ? _api.CreateBoundedClient() : _api.CreateTokenClient(token);
        var head = await _api.HeadAsync();

        var answer = await client.PlaceOrderAsync(Ids.New("order"), itemId, "alice");

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, $"{kind}: {answer}");
        (answer.MediaType, answer.Code).ShouldBe(("application/problem+json", "unauthorized"));
        (await _api.HeadAsync()).ShouldBe(head);
        (await _api.ReadItemAsync(itemId)).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(UnusableTokens))]
    public async Task order_reads_without_a_usable_token_answer_401(string kind, string? token)
    {
        var orderId = await PlaceAsync("alice");
        using var client = token is null ? _api.CreateBoundedClient() : _api.CreateTokenClient(token);

        foreach (var path in new[] { $"/api/orders/{orderId}", "/api/users/alice/orders" })
        {
            var answer = (await client.QueryAsync(path)).Answer;
            answer.Status.ShouldBe(HttpStatusCode.Unauthorized, $"{kind} on {path}: {answer}");
            answer.Code.ShouldBe("unauthorized");
            answer.Text.ShouldNotContain(orderId);
        }
    }

    [Fact]
    public async Task a_buyer_places_an_order_for_the_user_of_its_token()
    {
        var userId = Ids.New("buyer");
        var itemId = Ids.New("sale");
        await _api.ListItemAsync(itemId, stock: 5);
        using var buyer = _api.CreateTokenClient(Token(userId));

        var answer = await buyer.PlaceOrderAsync(Ids.New("order"), itemId, userId);

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        answer.String("status").ShouldBe("reserved");
    }

    [Fact]
    public async Task an_order_for_another_user_than_the_tokens_is_403_user_mismatch_and_appends_nothing()
    {
        var itemId = Ids.New("sale");
        await _api.ListItemAsync(itemId, stock: 5);
        using var mallory = _api.CreateTokenClient(Token("mallory"));
        var head = await _api.HeadAsync();

        var answer = await mallory.PlaceOrderAsync(Ids.New("order"), itemId, "alice");

        answer.Status.ShouldBe(HttpStatusCode.Forbidden, answer.ToString());
        (answer.MediaType, answer.Code).ShouldBe(("application/problem+json", "user.mismatch"));
        (await _api.HeadAsync()).ShouldBe(head);
        (await _api.ReadItemAsync(itemId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_buyer_reads_its_own_paid_order_without_the_payment_reference()
    {
        var userId = Ids.New("buyer");
        var orderId = await PlaceAsync(userId);
        var paid = await _api.Buyer.PayAsync(orderId, "psp-secret-ref");
        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());
        using var buyer = _api.CreateTokenClient(Token(userId));

        var order = await buyer.QueryAsync($"/api/orders/{orderId}", paid.String("position"));

        order.Status.ShouldBe(HttpStatusCode.OK, order.ToString());
        (order.Json.Str("orderId"), order.Json.Str("userId"), order.Json.Str("status")).ShouldBe((orderId, userId, "confirmed"));
        order.Answer.Text.ShouldNotContain("psp-secret-ref");
        order.Json.TryGetProperty("paymentReference", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task another_users_order_answers_404_exactly_as_an_unknown_order()
    {
        var orderId = await PlaceAsync("alice");
        var unknownId = Ids.New("order");
        using var mallory = _api.CreateTokenClient(Token("mallory"));
        var head = (await _api.HeadAsync())!.Value.ToToken();

        var others = (await mallory.QueryAsync($"/api/orders/{orderId}", head)).Answer;
        var unknown = (await mallory.QueryAsync($"/api/orders/{unknownId}", head)).Answer;

        others.Status.ShouldBe(HttpStatusCode.NotFound, others.ToString());
        others.Code.ShouldBe("order.not_found");
        others.Text.Replace(orderId, "ID").ShouldBe(unknown.Text.Replace(unknownId, "ID"));
        using var alice = _api.CreateTokenClient(Token("alice"));
        (await alice.QueryAsync($"/api/orders/{orderId}", head)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_buyer_lists_its_own_orders_and_another_users_list_is_403_user_mismatch()
    {
        var userId = Ids.New("buyer");
        var mine = await PlaceAsync(userId);
        await PlaceAsync(Ids.New("other"));
        using var buyer = _api.CreateTokenClient(Token(userId));
        var head = (await _api.HeadAsync())!.Value.ToToken();

        var own = await buyer.QueryAsync($"/api/users/{userId}/orders", head);
        var others = (await buyer.QueryAsync("/api/users/alice/orders", head)).Answer;

        own.Items().Select(o => o.Str("orderId")).ShouldBe([mine]);
        own.Answer.Text.ShouldNotContain("paymentReference");
        others.Status.ShouldBe(HttpStatusCode.Forbidden, others.ToString());
        others.Code.ShouldBe("user.mismatch");
    }

    [Fact]
    public async Task a_buyer_token_never_opens_operator_endpoints()
    {
        using var buyer = _api.CreateTokenClient(Token("alice"));

        var listing = await buyer.ListItemAsync(Ids.New("stolen"), stock: 100);
        var deadLetters = (await buyer.QueryAsync("/api/admin/dlq")).Answer;
        var audit = (await buyer.QueryAsync($"/api/audit/orders/{await PlaceAsync("alice")}")).Answer;

        foreach (var answer in new[] { listing, deadLetters, audit })
        {
            answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
            answer.Code.ShouldBe("unauthorized");
        }
    }

    [Fact]
    public async Task the_operator_key_reads_any_users_orders_but_places_none()
    {
        var orderId = await PlaceAsync("alice");
        var head = (await _api.HeadAsync())!.Value.ToToken();

        var order = await _api.Operator.QueryAsync($"/api/orders/{orderId}", head);
        var list = await _api.Operator.QueryAsync("/api/users/alice/orders", head);
        var placed = await _api.Operator.PlaceOrderAsync(Ids.New("order"), Ids.New("sale"), "alice");

        (order.Status, order.Json.Str("userId")).ShouldBe((HttpStatusCode.OK, "alice"));
        list.Items().Select(o => o.Str("orderId")).ShouldContain(orderId);
        placed.Status.ShouldBe(HttpStatusCode.Unauthorized, placed.ToString());
    }

    [Fact]
    public async Task the_payment_callback_needs_its_signature_and_no_token()
    {
        var orderId = await PlaceAsync("alice");

        var paid = await _api.Buyer.PayAsync(orderId, "psp-1");

        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());
        paid.String("status").ShouldBe("confirmed");
    }

    private async Task<string> PlaceAsync(string userId)
    {
        var itemId = Ids.New("sale");
        await _api.ListItemAsync(itemId, stock: 5);
        using var buyer = _api.CreateTokenClient(Token(userId));
        var placed = await buyer.PlaceOrderAsync(Ids.New("order"), itemId, userId);
        placed.Status.ShouldBe(HttpStatusCode.Created, placed.ToString());
        return placed.String("orderId");
    }
}

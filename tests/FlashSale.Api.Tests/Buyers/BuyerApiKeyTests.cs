using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Buyers;

/// <summary><c>Buyers:Authentication = ApiKey</c>: only the shop's back end calls buyer endpoints, for any user.</summary>
public sealed class BuyerApiKeyTests(ApiKeyBuyersApi fixture) : IClassFixture<ApiKeyBuyersApi>
{
    private readonly FlashSaleApiFactory _api = fixture.Api;

    public static TheoryData<string?> WrongKeys => new()
    {
        null,
        "",
        "not-the-key",
        BuyerCredentials.ApiKey.ToUpperInvariant(),
        BuyerCredentials.ApiKey + "x",
        FlashSaleApiFactory.OperatorKey,
    };

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task an_order_without_the_buyer_api_key_answers_401_and_appends_nothing(string? key)
    {
        var itemId = Ids.New("guarded");
        await _api.ListItemAsync(itemId, stock: 5);
        using var client = key is null ? _api.CreateBoundedClient() : _api.CreateShopClient(key);
        var head = await _api.HeadAsync();

        var answer = await client.PlaceOrderAsync(Ids.New("order"), itemId, "alice");

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        (answer.MediaType, answer.Code).ShouldBe(("application/problem+json", "unauthorized"));
        answer.String("detail").ShouldContain(BuyerCredentials.ApiKeyHeader);
        (await _api.HeadAsync()).ShouldBe(head);
        (await _api.ReadItemAsync(itemId)).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task order_reads_without_the_buyer_api_key_answer_401(string? key)
    {
        var orderId = await PlaceAsync("alice");
        using var client = key is null ? _api.CreateBoundedClient() : _api.CreateShopClient(key);

        foreach (var path in new[] { $"/api/orders/{orderId}", "/api/users/alice/orders" })
        {
            var answer = (await client.QueryAsync(path)).Answer;
            answer.Status.ShouldBe(HttpStatusCode.Unauthorized, $"{path}: {answer}");
            answer.Code.ShouldBe("unauthorized");
        }
    }

    [Fact]
    public async Task the_shop_back_end_acts_for_any_user_and_reads_orders_without_the_payment_reference()
    {
        var (alice, bob) = (await PlaceAsync("alice"), await PlaceAsync("bob"));
        var paid = await _api.Buyer.PayAsync(alice, "psp-alice");
        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());
        using var shop = _api.CreateShopClient();

        var aliceOrder = await shop.QueryAsync($"/api/orders/{alice}", paid.String("position"));
        var bobOrder = await shop.QueryAsync($"/api/orders/{bob}", paid.String("position"));
        var aliceOrders = await shop.QueryAsync("/api/users/alice/orders", paid.String("position"));

        (aliceOrder.Json.Str("userId"), aliceOrder.Json.Str("status")).ShouldBe(("alice", "confirmed"));
        bobOrder.Json.Str("userId").ShouldBe("bob");
        aliceOrders.Items().Select(o => o.Str("orderId")).ShouldContain(alice);
        foreach (var answer in new[] { aliceOrder.Answer, aliceOrders.Answer }) answer.Text.ShouldNotContain("psp-alice");
    }

    [Fact]
    public async Task the_buyer_api_key_never_opens_operator_endpoints()
    {
        using var shop = _api.CreateShopClient();

        var listing = await shop.ListItemAsync(Ids.New("stolen"), stock: 100);
        var deadLetters = (await shop.QueryAsync("/api/admin/dlq")).Answer;

        foreach (var answer in new[] { listing, deadLetters })
        {
            answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
            answer.Code.ShouldBe("unauthorized");
        }
    }

    [Fact]
    public async Task the_operator_key_reads_any_order()
    {
        var orderId = await PlaceAsync("alice");

        var order = await _api.Operator.QueryAsync($"/api/orders/{orderId}", (await _api.HeadAsync())!.Value.ToToken());

        (order.Status, order.Json.Str("userId")).ShouldBe((HttpStatusCode.OK, "alice"));
    }

    [Fact]
    public async Task the_payment_callback_needs_its_signature_and_no_buyer_api_key()
    {
        var orderId = await PlaceAsync("alice");

        var paid = await _api.Buyer.PayAsync(orderId, "psp-1");

        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());
    }

    private async Task<string> PlaceAsync(string userId)
    {
        var itemId = Ids.New("sale");
        await _api.ListItemAsync(itemId, stock: 5);
        using var shop = _api.CreateShopClient();
        var placed = await shop.PlaceOrderAsync(Ids.New("order"), itemId, userId);
        placed.Status.ShouldBe(HttpStatusCode.Created, placed.ToString());
        return placed.String("orderId");
    }
}

using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Operators;

public sealed class OperatorKeyTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    public static TheoryData<string?> WrongKeys => new()
    {
        null,
        "",
        "not-the-key",
        FlashSaleApiFactory.OperatorKey.ToUpperInvariant(),
        FlashSaleApiFactory.OperatorKey + "x",
    };

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task listing_without_the_operator_key_answers_401_and_appends_nothing(string? key)
    {
        using var client = key is null ? api.CreateBoundedClient() : api.CreateOperatorClient(key);
        var itemId = Ids.New("stolen");
        var head = await api.HeadAsync();

        var answer = await client.ListItemAsync(itemId, stock: 100);

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized);
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe("unauthorized");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(WrongKeys))]
    public async Task restocking_without_the_operator_key_answers_401_and_appends_nothing(string? key)
    {
        var itemId = Ids.New("guarded");
        await api.ListItemAsync(itemId, stock: 1);
        using var client = key is null ? api.CreateBoundedClient() : api.CreateOperatorClient(key);
        var head = await api.HeadAsync();

        var answer = await client.RestockAsync(itemId, 1_000);

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized);
        answer.Code.ShouldBe("unauthorized");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task buyers_need_no_key_to_order()
    {
        var itemId = Ids.New("open");
        await api.ListItemAsync(itemId, stock: 1);

        (await api.Buyer.PlaceOrderAsync(Ids.New("order"), itemId, "buyer")).Status.ShouldBe(HttpStatusCode.Created);
    }
}

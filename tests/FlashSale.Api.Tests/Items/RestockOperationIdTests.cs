using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Items;

/// <summary>A restock retried after a 503 with the same <c>operationId</c> adds its stock once and answers the first answer.</summary>
public sealed class RestockOperationIdTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task a_restock_repeated_with_its_operation_id_answers_the_first_answer_byte_for_byte_and_appends_nothing()
    {
        var itemId = Ids.New("op-restock");
        await api.ListItemAsync(itemId, stock: 2);
        var first = await RestockAsync(itemId, 5, "op-1");
        (await api.PlaceOrderAsync(Ids.New("order"), itemId, "buyer-1")).Status.ShouldBe(HttpStatusCode.Created);
        var head = await api.HeadAsync();

        var repeat = await RestockAsync(itemId, 5, "op-1", reason: "retried after a 503");

        first.Status.ShouldBe(HttpStatusCode.OK);
        first.Json.GetProperty("available").GetInt32().ShouldBe(7);
        repeat.SameAs(first).ShouldBeTrue($"the repeat answered {repeat}, the first {first}");
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).OfType<ItemRestocked>().ShouldHaveSingleItem().OperationId.ShouldBe("op-1");
    }

    [Fact]
    public async Task concurrent_retries_of_one_restock_add_its_stock_once()
    {
        var itemId = Ids.New("op-race");
        await api.ListItemAsync(itemId, stock: 1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => RestockAsync(itemId, 4, "op-race"))));

        answers.ShouldAllBe(a => a.SameAs(answers[0]));
        answers[0].Json.GetProperty("available").GetInt32().ShouldBe(5);
        (await api.ReadItemAsync(itemId)).OfType<ItemRestocked>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task the_same_operation_id_with_another_quantity_answers_409_and_appends_nothing()
    {
        var itemId = Ids.New("op-reused");
        await api.ListItemAsync(itemId, stock: 1);
        await RestockAsync(itemId, 3, "op-2");
        var head = await api.HeadAsync();

        var reused = await RestockAsync(itemId, 4, "op-2");

        reused.Status.ShouldBe(HttpStatusCode.Conflict);
        reused.Code.ShouldBe("restock.operation_id_reused");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task an_operation_id_that_is_not_a_valid_id_answers_400_naming_operation_id()
    {
        var itemId = Ids.New("op-bad");
        await api.ListItemAsync(itemId, stock: 1);

        var answer = await RestockAsync(itemId, 3, new string('x', 129));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorFields.ShouldBe(["operationId"]);
    }

    private Task<HttpAnswer> RestockAsync(string itemId, int quantity, string operationId, string reason = "delivery") =>
        api.Operator.PostJsonAsync($"/api/items/{Uri.EscapeDataString(itemId)}/restock", new { quantity, reason, operationId });
}

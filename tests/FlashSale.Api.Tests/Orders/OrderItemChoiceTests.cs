using System.Net;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Orders;

/// <summary>The optional item of calls that name an order: <c>?itemId=</c> on queries and operator decisions,
/// <c>itemId</c> in the payment callback's body. It chooses among the items of an order id and is checked like every id.</summary>
public sealed class OrderItemChoiceTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task an_order_is_found_with_its_item_and_not_found_with_another()
    {
        var (itemId, orderId) = (Ids.New("lamp"), Ids.New("order"));
        await api.ListItemAsync(itemId, stock: 2, paymentWindowSeconds: 300);
        var placed = await api.PlaceOrderAsync(orderId, itemId, "buyer-1");

        var mine = await api.Buyer.QueryAsync($"/api/orders/{orderId}?itemId={itemId}", placed.String("position"));
        var other = await api.Buyer.QueryAsync($"/api/orders/{orderId}?itemId=not-{itemId}", placed.String("position"));

        (mine.Status, mine.Json.Str("itemId")).ShouldBe((HttpStatusCode.OK, itemId), mine.ToString());
        (other.Status, other.Answer.Code).ShouldBe((HttpStatusCode.NotFound, "order.not_found"), other.ToString());
    }

    [Fact]
    public async Task an_invalid_item_id_is_a_400_naming_the_field_on_every_call_that_takes_it()
    {
        var tooLong = new string('x', 129);

        var query = (await api.Buyer.QueryAsync($"/api/orders/o-1?itemId={tooLong}")).Answer;
        var deadLetter = (await api.Operator.QueryAsync($"/api/admin/dlq/o-1?itemId={tooLong}")).Answer;
        var retry = await api.Operator.PostEmptyAsync($"/api/admin/dlq/o-1/retry?itemId={tooLong}");
        var payment = await api.Buyer.PostSignedAsync("/api/orders/o-1/payment", JsonSerializer.Serialize(new { paymentReference = "psp-1", itemId = "" }));

        foreach (var answer in new[] { query, deadLetter, retry, payment })
        {
            answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.ToString());
            answer.ErrorFields.ShouldBe(["itemId"], answer.ToString());
        }
    }

    [Fact]
    public async Task a_payment_callback_that_names_the_item_pays_the_order_on_it()
    {
        var (itemId, orderId) = (Ids.New("desk"), Ids.New("order"));
        await api.ListItemAsync(itemId, stock: 1, paymentWindowSeconds: 300);
        await api.PlaceOrderAsync(orderId, itemId, "buyer-1");

        var paid = await api.Buyer.PostSignedAsync($"/api/orders/{orderId}/payment",
            JsonSerializer.Serialize(new { paymentReference = "psp-desk", itemId }));

        (paid.Status, paid.String("itemId"), paid.String("status")).ShouldBe((HttpStatusCode.OK, itemId, "confirmed"), paid.ToString());
    }
}

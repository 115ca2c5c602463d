using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Orders;

/// <summary>The default mode (<c>Buyers:Authentication = None</c>): buyer views never carry the payment reference;
/// operator views keep it.</summary>
public sealed class BuyerOrderViewTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task a_paid_order_and_its_users_list_never_show_the_payment_reference()
    {
        var (itemId, orderId, userId) = (Ids.New("sale"), Ids.New("order"), Ids.New("buyer"));
        await api.ListItemAsync(itemId, stock: 2);
        (await api.PlaceOrderAsync(orderId, itemId, userId)).Status.ShouldBe(HttpStatusCode.Created);
        var paid = await api.Buyer.PayAsync(orderId, "psp-private-77");
        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());

        var order = await api.Buyer.QueryAsync($"/api/orders/{orderId}", paid.String("position"));
        var list = await api.Buyer.QueryAsync($"/api/users/{userId}/orders", paid.String("position"));
        var asOperator = await api.Operator.QueryAsync($"/api/orders/{orderId}", paid.String("position"));

        order.Json.Str("status").ShouldBe("confirmed");
        list.Items().ShouldHaveSingleItem().Str("status").ShouldBe("confirmed");
        foreach (var answer in new[] { order, list, asOperator })
        {
            answer.Answer.Text.ShouldNotContain("psp-private-77");
            answer.Answer.Text.ShouldNotContain("paymentReference");
        }
    }

    [Fact]
    public async Task the_operators_audit_of_an_order_keeps_the_payment_reference()
    {
        var (itemId, orderId) = (Ids.New("sale"), Ids.New("order"));
        await api.ListItemAsync(itemId, stock: 2);
        await api.PlaceOrderAsync(orderId, itemId, "audited");
        var paid = await api.Buyer.PayAsync(orderId, "psp-audited-1");
        await api.Buyer.QueryAsync($"/api/orders/{orderId}", paid.String("position"));

        var history = await api.Operator.QueryAsync($"/api/audit/orders/{orderId}/history");

        history.Status.ShouldBe(HttpStatusCode.OK, history.ToString());
        history.Answer.Text.ShouldContain("psp-audited-1");
    }
}

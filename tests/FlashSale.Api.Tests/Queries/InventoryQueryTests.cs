using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Queries;

public sealed class InventoryQueryTests : IDisposable
{
    // No gateway: payments come from the provider callback, and the sweeper times out what is left unpaid.
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?> { ["Payments:SweepIntervalSeconds"] = "0.2" });

    [Fact]
    public async Task inventory_and_order_statuses_follow_reservations_rejections_payments_and_timeouts()
    {
        var itemId = Ids.New("sale");
        await _api.ListItemAsync(itemId, stock: 4, perUserLimit: 1, paymentWindowSeconds: 5);
        var orders = new List<string>();
        for (var i = 0; i < 4; i++) orders.Add((await _api.PlaceOrderAsync(Ids.New("order"), itemId, $"buyer-{i}")).String("orderId"));
        (await _api.PlaceOrderAsync(Ids.New("order"), itemId, "buyer-0")).Status.ShouldBe(HttpStatusCode.Conflict);
        var limited = await _api.PlaceOrderAsync(Ids.New("order"), itemId, "late-buyer");
        limited.Code.ShouldBe("sold_out");
        await _api.Buyer.PayAsync(orders[0], "pay-0");
        var paid = await _api.Buyer.PayAsync(orders[1], "pay-1");
        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());

        var during = await _api.Buyer.QueryAsync($"/api/items/{itemId}", paid.String("position"));
        (during.Json.Int("available"), during.Json.Int("reserved"), during.Json.Int("sold"), during.Json.Int("rejectedOrders"))
            .ShouldBe((0, 2, 2, 2));

        await EventLog.WaitForAsync(() => _api.ReadItemAsync(itemId), e => e.OfType<StockReleased>().Count() == 2,
            TimeSpan.FromSeconds(20), "the sweeper to release the two unpaid reservations");
        var head = (await _api.HeadAsync())!.Value.ToToken();

        var after = await _api.Buyer.QueryAsync($"/api/items/{itemId}", head);
        after.Status.ShouldBe(HttpStatusCode.OK, after.ToString());
        (after.Json.Int("initialStock"), after.Json.Int("available"), after.Json.Int("reserved"), after.Json.Int("sold"),
            after.Json.Int("released"), after.Json.Int("rejectedOrders")).ShouldBe((4, 2, 0, 2, 2, 2));

        var confirmed = await _api.Buyer.QueryAsync($"/api/orders/{orders[0]}", head);
        confirmed.Json.Str("status").ShouldBe("confirmed");
        confirmed.Json.TryGetProperty("paymentReference", out _).ShouldBeFalse("a buyer view never carries the payment reference");
        confirmed.Json.IsNull("confirmedAt").ShouldBeFalse();
        var timedOut = await _api.Buyer.QueryAsync($"/api/orders/{orders[2]}", head);
        (timedOut.Json.Str("status"), timedOut.Json.Str("reason")).ShouldBe(("timed_out", "deadline_passed"));
        var rejected = await _api.Buyer.QueryAsync($"/api/orders/{limited.String("orderId")}", head);
        (rejected.Json.Str("status"), rejected.Json.Str("reason")).ShouldBe(("rejected", "sold_out"));

        var buyer0 = await _api.Buyer.QueryAsync("/api/users/buyer-0/orders", head);
        buyer0.Items().Select(o => o.Str("status")).ShouldBe(["confirmed", "rejected"]);
    }

    public void Dispose() => _api.Dispose();
}

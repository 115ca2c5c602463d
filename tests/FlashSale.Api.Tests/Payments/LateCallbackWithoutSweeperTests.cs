using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Payments;

/// <summary>With no sweeper running, a callback after the window releases the reservation itself and records the
/// refund it owes; the item keeps working.</summary>
public sealed class LateCallbackWithoutSweeperTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?> { ["Payments:Enabled"] = "false" });

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task a_callback_after_the_window_answers_payment_timed_out_releases_the_stock_and_the_item_takes_more_orders()
    {
        var itemId = Ids.New("late");
        await _api.ListItemAsync(itemId, stock: 1, paymentWindowSeconds: 1);
        var orderId = Ids.New("order");
        (await _api.PlaceOrderAsync(orderId, itemId, "slow-payer")).Status.ShouldBe(HttpStatusCode.Created);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var late = await _api.Buyer.PayAsync(orderId, "psp-late");

        (late.Status, late.Code).ShouldBe((HttpStatusCode.Conflict, "payment.timed_out"), late.ToString());
        var log = await _api.ReadItemAsync(itemId);
        log.OfType<StockReleased>().Count(r => r.OrderId == orderId).ShouldBe(1);
        log.OfType<RefundRequired>().Count(r => r.OrderId == orderId).ShouldBe(1);
        (await _api.PlaceOrderAsync(Ids.New("order"), itemId, "next-buyer")).Status.ShouldBe(HttpStatusCode.Created);
    }
}

using System.Globalization;
using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Payments;

/// <summary>A provider's callback for a released reservation keeps answering 409, and the money is recorded as a refund to
/// make: in the log (once per payment reference), in the operators' dead-letter view and in a metric.</summary>
public sealed class LatePaymentCallbackTests : IDisposable
{
    // Every simulated charge times out at once and moved no money, so each reservation is released right away.
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?>
    {
        ["Payments:ProcessorEnabled"] = "true",
        ["Payments:TimeoutRate"] = "1",
        ["Payments:GatewayLatencyMs"] = "0",
    });

    [Fact]
    public async Task a_late_callback_answers_409_and_records_one_refund_per_payment_reference_shown_to_operators_and_counted()
    {
        var itemId = Ids.New("late");
        await _api.ListItemAsync(itemId, stock: 1);
        var orderId = Ids.New("order");
        (await _api.PlaceOrderAsync(orderId, itemId, "slow-payer")).Status.ShouldBe(HttpStatusCode.Created);
        await EventLog.WaitForAsync(() => _api.ReadItemAsync(itemId), e => e.OfOrder<StockReleased>(orderId).Count > 0,
            TimeSpan.FromSeconds(15), $"the release of {orderId}");

        var answers = new List<HttpAnswer>();
        foreach (var reference in new[] { "psp-late", "psp-late", "psp-other" }) answers.Add(await _api.Buyer.PayAsync(orderId, reference));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Conflict && a.Code == "payment.timed_out");
        var events = await _api.ReadItemAsync(itemId);
        events.OfType<RefundRequired>().Where(r => r.OrderId == orderId).Select(r => r.PaymentReference).ShouldBe(["psp-late", "psp-other"]);
        events.OfOrder<PaymentConfirmed>(orderId).ShouldBeEmpty();

        var head = (await _api.HeadAsync())!.Value.ToToken();
        var row = (await _api.Operator.QueryAsync($"/api/admin/dlq/{QueryCalls.Esc(orderId)}", head)).Json;
        (row.Str("state"), row.Int("refunds"), row.Str("refundReference")).ShouldBe(("refund_required", 2, "psp-other"));
        (await _api.Operator.QueryAsync($"/api/admin/dlq?state=refund_required&itemId={QueryCalls.Esc(itemId)}", head)).Items()
            .ShouldHaveSingleItem().Str("orderId").ShouldBe(orderId);

        var metrics = (await _api.Buyer.QueryAsync("/metrics")).Answer.Text;
        Metric(metrics, "flashsale_payments_refunds_required").ShouldBe(2);
        Metric(metrics, "flashsale_payments_lease_held").ShouldBe(1);
    }

    private static double Metric(string scrape, string name) => scrape.Split('\n')
        .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture))
        .Single();

    public void Dispose() => _api.Dispose();
}

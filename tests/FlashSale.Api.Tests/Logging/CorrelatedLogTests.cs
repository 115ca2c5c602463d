using System.Net;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.EventStore.Logging;

namespace FlashSale.Api.Tests.Logging;

/// <summary>
/// The real API in Production: one correlation id, sent with an order, is on the lines of the order's placement, of
/// its payment (background work, caused by its StockReserved event) and of the read models it reached; every line,
/// request or not, names the process role as its service.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CorrelatedLogTests : IDisposable
{
    private const string CorrelationId = "trace-order-42";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task one_correlation_id_traces_an_order_from_its_request_through_its_payment_to_the_read_models()
    {
        using var api = await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), new Dictionary<string, string>
        {
            ["Logging__OrderLines"] = "true",
            ["Logging__LogLevel__FlashSale"] = "Information",
            ["Payments__ProcessorEnabled"] = "true",
            ["Payments__TimeoutRate"] = "0",
            ["Payments__GatewayLatencyMs"] = "1",
        });
        using var operators = api.CreateClient(ApiProcess.OperatorKey);
        (await operators.ListItemAsync("traced", stock: 2)).Status.ShouldBe(HttpStatusCode.Created);
        using var buyer = api.CreateClient();
        buyer.DefaultRequestHeaders.Add("X-Correlation-Id", CorrelationId);
        (await buyer.PlaceOrderAsync("o-traced", "traced", "u-1")).Status.ShouldBe(HttpStatusCode.Created);

        // The processor logs its confirmation after appending it, so the projection's line can come first: wait for both.
        var names = new[] { LogEvents.OrderReserved, LogEvents.PaymentChargeStarted, LogEvents.PaymentConfirmed, LogEvents.OrderProjected };
        var lines = await WaitForAsync(api, all =>
            OfOrder(all, LogEvents.OrderProjected).Any(l => Message(l).Contains("PaymentConfirmed")) && names.All(name => OfOrder(all, name).Any()));

        foreach (var name in names)
        {
            var traced = OfOrder(lines, name).ToList();
            traced.ShouldNotBeEmpty($"no {name} line for the order in:\n{api.Output}");
            foreach (var line in traced)
                (line.Str("correlation_id"), line.Str("item_id"), line.Str("service")).ShouldBe((CorrelationId, "traced", "all"), line.ToString());
        }
        OfOrder(lines, LogEvents.OrderReserved).Single().GetProperty("processing_time_ms").GetDouble().ShouldBeGreaterThan(0);
        lines.Where(l => l.Str("service") != "all").ShouldBeEmpty();
        lines.ShouldContain(l => l.Str("event") == LogEvents.FollowerSubscribed, api.Output); // background work, outside any request
    }

    private static IEnumerable<JsonElement> OfOrder(IEnumerable<JsonElement> lines, string name) =>
        lines.Where(l => l.Str("event") == name && l.Str("order_id") == "o-traced");

    private static string Message(JsonElement line) => line.Str("Message") ?? "";

    private static async Task<IReadOnlyList<JsonElement>> WaitForAsync(ApiProcess api, Func<IReadOnlyList<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var lines = api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
            if (done(lines)) return lines;
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"The expected lines did not appear within {Patience}:\n{api.Output}");
            await Task.Delay(100);
        }
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ShouldAssertException($"Not a JSON object: {line}");
        }
    }
}

using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Logging;

/// <summary>The line per order is off unless <c>Logging:OrderLines=true</c>; on, each placement logs one line with its
/// outcome, ids and processing time.</summary>
public sealed class OrderLineTests
{
    [Fact]
    public async Task without_the_switch_no_order_is_logged_even_when_the_category_asks_for_information()
    {
        var logs = new CapturedLogs();
        using var owner = new FlashSaleApiFactory(new Dictionary<string, string?> { [$"Logging:LogLevel:{LogEvents.OrderLinesCategory}"] = "Information" });
        using var api = Capturing(owner, logs);
        (await api.CreateClient().WithKey().ListItemAsync("quiet", stock: 5)).Status.ShouldBe(HttpStatusCode.Created);
        (await Buyer(api, "trace-off").PlaceOrderAsync("o-quiet", "quiet", "u-1")).Status.ShouldBe(HttpStatusCode.Created);

        logs.Lines.Where(l => l.Category == LogEvents.OrderLinesCategory).ShouldBeEmpty();
        logs.WithEvent(LogEvents.OrderReserved).ShouldBeEmpty();
    }

    [Fact]
    public async Task with_the_switch_each_placement_logs_one_line_with_its_outcome_ids_and_processing_time()
    {
        var logs = new CapturedLogs();
        using var owner = new FlashSaleApiFactory(new Dictionary<string, string?> { ["Logging:OrderLines"] = "true" });
        using var api = Capturing(owner, logs);
        (await api.CreateClient().WithKey().ListItemAsync("loud", stock: 1)).Status.ShouldBe(HttpStatusCode.Created);
        var buyer = Buyer(api, "trace-on");
        (await buyer.PlaceOrderAsync("o-loud-1", "loud", "u-1")).Status.ShouldBe(HttpStatusCode.Created);
        (await buyer.PlaceOrderAsync("o-loud-1", "loud", "u-1")).Status.ShouldBe(HttpStatusCode.Created);
        (await buyer.PlaceOrderAsync("o-loud-2", "loud", "u-2")).Status.ShouldBe(HttpStatusCode.Conflict);

        var reserved = logs.WithEvent(LogEvents.OrderReserved).ShouldHaveSingleItem();
        reserved.Category.ShouldBe(LogEvents.OrderLinesCategory);
        reserved.Level.ShouldBe(LogLevel.Information);
        (reserved.Values["OrderId"], reserved.Values["ItemId"], reserved.Values["CorrelationId"]).ShouldBe(("o-loud-1", "loud", "trace-on"));
        reserved.Values["ProcessingTimeMs"].ShouldBeOfType<double>().ShouldBeGreaterThan(0);
        logs.WithEvent(LogEvents.OrderReplayed).ShouldHaveSingleItem().Values["OrderId"].ShouldBe("o-loud-1");
        var rejected = logs.WithEvent(LogEvents.OrderRejected).ShouldHaveSingleItem();
        (rejected.Values["OrderId"], rejected.Values["Reason"]).ShouldBe(("o-loud-2", "sold_out"));
        rejected.Values.Keys.ShouldContain("ProcessingTimeMs");
    }

    private static WebApplicationFactory<Program> Capturing(FlashSaleApiFactory api, CapturedLogs logs) =>
        api.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.AddProvider(logs)));

    private static HttpClient Buyer(WebApplicationFactory<Program> api, string correlationId)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlationId);
        return client;
    }
}

internal static class OperatorClients
{
    public static HttpClient WithKey(this HttpClient client)
    {
        client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        return client;
    }
}

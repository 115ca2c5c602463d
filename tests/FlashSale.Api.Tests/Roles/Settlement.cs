using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Api.Tests.Roles;

/// <summary>What a takeover test checks once the orders stop: every reservation ended, the read model caught up.</summary>
internal static class Settlement
{
    /// <summary>Every reservation (each retry its own) has its end: paid, or timed out and released.</summary>
    public static bool AllSettled(IReadOnlyList<ItemEvent> log)
    {
        var ended = log.OfType<PaymentConfirmed>().Select(e => (e.OrderId, Retry: -1))
            .Concat(log.OfType<StockReleased>().Select(e => (e.OrderId, e.Retry))).ToHashSet();
        return log.OfType<StockReserved>().All(r => ended.Contains((r.OrderId, -1)) || ended.Contains((r.OrderId, r.Retry)));
    }

    /// <summary>After a takeover: never oversold, nothing paid or released twice, every order placed, and the
    /// inventory (projected by whichever worker leads now) and a clean replay agree with the log.</summary>
    public static async Task ShouldBeAppliedOnceAsync(IReadOnlyList<ItemEvent> log, IEventStore store, ApiProcess api, string itemId,
        int stock, int orders)
    {
        log.ShouldNeverOversell();
        log.OfType<PaymentConfirmed>().GroupBy(e => e.OrderId).ShouldAllBe(g => g.Count() == 1, "no order is paid twice");
        log.OfType<StockReleased>().GroupBy(e => (e.OrderId, e.Retry)).ShouldAllBe(g => g.Count() == 1, "no reservation is released twice");
        log.OfType<OrderPlaced>().Count().ShouldBe(orders);

        var last = (await store.ReadStreamAsync(ItemStreams.For(itemId)).ToListAsync())[^1].Position.ToToken();
        var inventory = await ItemAfterAsync(api, itemId, last);
        var sold = log.OfType<PaymentConfirmed>().Sum(e => e.Quantity);
        inventory.Json.Int("reserved").ShouldBe(0, inventory.ToString());
        inventory.Json.Int("sold").ShouldBe(sold, "the projection counted each payment once");
        inventory.Json.Int("released").ShouldBe(log.OfType<StockReleased>().Sum(e => e.Quantity));
        inventory.Json.Int("available").ShouldBe(stock - sold);
        using var operatorClient = api.CreateClient(ApiProcess.OperatorKey);
        var verify = await operatorClient.QueryAsync("/api/admin/audit/verify");
        verify.Json.GetProperty("clean").GetBoolean().ShouldBeTrue($"read models equal a clean replay: {verify}");
    }

    /// <summary>The inventory row once the projection (run by whichever worker leads now) has reached <paramref name="position"/>.</summary>
    public static async Task<QueryAnswer> ItemAfterAsync(ApiProcess api, string itemId, string position)
    {
        using var client = api.CreateClient();
        var answer = await client.QueryAsync($"/api/items/{itemId}", position);
        for (var deadline = DateTime.UtcNow.AddSeconds(90); answer.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline;)
            answer = await client.QueryAsync($"/api/items/{itemId}", position);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return answer;
    }
}

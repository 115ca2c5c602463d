using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Domain.Items;

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

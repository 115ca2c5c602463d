using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Metrics;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Orders;

/// <summary>
/// <c>CommandPath:GroupCommit=false</c>, the one-append-per-order path the HTTP benchmark measures group commit against
/// (issue 14): over HTTP it answers a crowd exactly as group commit does, and each order is an append of its own.
/// </summary>
public sealed class OneAppendPerOrderTests
{
    private const int Orders = 300;
    private const int Stock = 40;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_crowd_on_one_item_gets_exactly_the_stock_and_without_group_commit_every_order_is_its_own_append(bool groupCommit)
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?> { ["CommandPath:GroupCommit"] = groupCommit.ToString() });
        var itemId = Ids.New("single");
        (await api.ListItemAsync(itemId, stock: Stock, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var answers = await api.PlaceOrdersConcurrentlyAsync(itemId,
            Enumerable.Range(0, Orders).Select(i => ($"single-{i}", $"user-{i}")));

        var reserved = answers.Where(a => a.Answer.Status == HttpStatusCode.Created).ToList();
        reserved.Count.ShouldBe(Stock, $"other answers: {string.Join("; ", answers.Select(a => a.Answer).Where(a => (int)a.Status is not (201 or 409)).Take(5))}");
        answers.Count(a => a.Answer.Status == HttpStatusCode.Conflict && a.Answer.Code == RejectionReasons.SoldOut).ShouldBe(Orders - Stock);
        var events = await EventLog.ReadItemAsync(api.DataDirectory, itemId);
        events.OfType<OrderPlaced>().Count().ShouldBe(Orders);
        events.OfType<StockReserved>().Select(e => e.OrderId).ShouldBe(reserved.Select(a => a.OrderId), ignoreOrder: true);
        events.ShouldNeverOversell();

        // Every order appends two events (placed, then reserved or rejected); the listing one.
        var scrape = await Scrape.OfAsync(api.Buyer);
        scrape["flashsale_eventstore_append_batch_size_sum"].ShouldBe(1 + 2 * Orders);
        scrape["flashsale_concurrency_conflicts_total"].ShouldBe(0);
        var appends = scrape["flashsale_eventstore_append_batch_size_count"];
        if (groupCommit) appends.ShouldBeLessThan(1 + Orders, "orders that queued during an append share the next one");
        else appends.ShouldBe(1 + Orders);
    }
}

using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Orders;

public sealed class ConcurrentOrderTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();

    [Fact]
    public async Task two_thousand_users_racing_for_one_hundred_units_get_exactly_one_hundred_reservations()
    {
        var itemId = Ids.New("hot");
        (await _api.ListItemAsync(itemId, stock: 100, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var answers = await _api.PlaceOrdersConcurrentlyAsync(itemId,
            Enumerable.Range(0, 2_000).Select(i => ($"order-{i}", $"user-{i}")));

        var reserved = answers.Where(a => a.Answer.Status == HttpStatusCode.Created).ToList();
        var rejected = answers.Where(a => a.Answer.Status == HttpStatusCode.Conflict).ToList();
        reserved.Count.ShouldBe(100);
        rejected.Count.ShouldBe(1_900, $"other answers: {string.Join("; ", answers.Select(a => a.Answer).Where(a => (int)a.Status is not (201 or 409)).Take(5))}");
        reserved.ShouldAllBe(a => a.Answer.String("status") == "reserved" && a.Answer.String("orderId") == a.OrderId);
        rejected.ShouldAllBe(a => a.Answer.Code == RejectionReasons.SoldOut && a.Answer.MediaType == "application/problem+json");

        // The log itself, read from the file: one outcome per order, and never more held than stocked.
        var events = await EventLog.ReadItemAsync(_api.DataDirectory, itemId);
        events.OfType<OrderPlaced>().Count().ShouldBe(2_000);
        events.OfType<StockReserved>().Count().ShouldBe(100);
        events.OfType<OrderRejected>().Count().ShouldBe(1_900);
        events.OfType<OrderRejected>().ShouldAllBe(e => e.Reason == RejectionReasons.SoldOut);
        events.OfType<StockReserved>().Select(e => e.OrderId).ShouldBe(reserved.Select(a => a.OrderId), ignoreOrder: true);
        events.OfType<StockReleased>().ShouldBeEmpty();
        events.ShouldNeverOversell();
    }

    [Fact]
    public async Task one_user_firing_fifty_orders_in_parallel_gets_only_the_per_user_limit()
    {
        var itemId = Ids.New("limited");
        (await _api.ListItemAsync(itemId, stock: 100, perUserLimit: 2)).Status.ShouldBe(HttpStatusCode.Created);

        var answers = await _api.PlaceOrdersConcurrentlyAsync(itemId,
            Enumerable.Range(0, 50).Select(i => ($"greedy-{i}", "greedy-user")));

        answers.Count(a => a.Answer.Status == HttpStatusCode.Created).ShouldBe(2);
        var rejected = answers.Where(a => a.Answer.Status == HttpStatusCode.Conflict).ToList();
        rejected.Count.ShouldBe(48);
        rejected.ShouldAllBe(a => a.Answer.Code == RejectionReasons.PerUserLimit);

        var events = await _api.ReadItemAsync(itemId);
        events.OfType<StockReserved>().Count().ShouldBe(2);
        events.OfType<OrderRejected>().Count(e => e.Reason == RejectionReasons.PerUserLimit).ShouldBe(48);
        events.ShouldNeverOversell();
    }

    public void Dispose() => _api.Dispose();
}

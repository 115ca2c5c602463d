using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Orders;

public sealed class OrderIdempotencyTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    [Fact]
    public async Task twenty_parallel_repeats_of_one_order_reserve_once_and_answer_identically()
    {
        var itemId = Ids.New("idem");
        await api.ListItemAsync(itemId, stock: 10);
        var orderId = Ids.New("order");

        var answers = await api.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Repeat((orderId, "repeat-user"), 20));

        var first = answers[0].Answer;
        first.Status.ShouldBe(HttpStatusCode.Created);
        answers.ShouldAllBe(a => a.Answer.SameAs(first), $"first: {first}; others: {string.Join("; ", answers.Select(a => a.Answer).Distinct())}");

        var events = await api.ReadItemAsync(itemId);
        events.OfOrder<OrderPlaced>(orderId).Count.ShouldBe(1);
        events.OfOrder<StockReserved>(orderId).Count.ShouldBe(1);
        events.Count.ShouldBe(3, "listing + OrderPlaced + StockReserved");
    }

    [Fact]
    public async Task repeating_a_rejected_order_returns_the_same_rejection_and_appends_nothing()
    {
        var itemId = Ids.New("empty");
        await api.ListItemAsync(itemId, stock: 0);
        var orderId = Ids.New("order");

        var first = await api.PlaceOrderAsync(orderId, itemId, "late-user");
        first.Status.ShouldBe(HttpStatusCode.Conflict);
        first.Code.ShouldBe(RejectionReasons.SoldOut);
        var head = await api.HeadAsync();

        var repeat = await api.PlaceOrderAsync(orderId, itemId, "late-user");

        repeat.SameAs(first).ShouldBeTrue($"first: {first}\nrepeat: {repeat}");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Theory]
    [InlineData("same-user", 2, "a different quantity")]
    [InlineData("other-user", 1, "a different user")]
    public async Task reusing_an_order_id_for_a_different_order_is_refused(string userId, int quantity, string difference)
    {
        var itemId = Ids.New("reuse");
        await api.ListItemAsync(itemId, stock: 10, perUserLimit: 2);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "same-user", 1)).Status.ShouldBe(HttpStatusCode.Created);
        var head = await api.HeadAsync();

        var reused = await api.PlaceOrderAsync(orderId, itemId, userId, quantity);

        reused.Status.ShouldBe(HttpStatusCode.Conflict, difference);
        reused.MediaType.ShouldBe("application/problem+json");
        reused.Code.ShouldBe("order.id_reused");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task reusing_an_order_id_on_another_item_is_refused()
    {
        var (firstItem, secondItem) = (Ids.New("first"), Ids.New("second"));
        await api.ListItemAsync(firstItem, stock: 10);
        await api.ListItemAsync(secondItem, stock: 10);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, firstItem, "user-1")).Status.ShouldBe(HttpStatusCode.Created);
        var head = await api.HeadAsync();

        var reused = await api.PlaceOrderAsync(orderId, secondItem, "user-1");

        reused.Status.ShouldBe(HttpStatusCode.Conflict);
        reused.Code.ShouldBe("order.id_reused");
        (await api.HeadAsync()).ShouldBe(head);
    }

    [Fact]
    public async Task one_order_id_raced_onto_two_items_is_recorded_on_one_item_only()
    {
        var (left, right) = (Ids.New("left"), Ids.New("right"));
        await api.ListItemAsync(left, stock: 100, perUserLimit: 100);
        await api.ListItemAsync(right, stock: 100, perUserLimit: 100);

        for (var round = 0; round < 5; round++)
        {
            var orderId = Ids.New("contested");
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var calls = Enumerable.Range(0, 20).Select(async i =>
            {
                await start.Task;
                var itemId = i % 2 == 0 ? left : right;
                return (ItemId: itemId, Answer: await api.Buyer.PlaceOrderAsync(orderId, itemId, "racer"));
            }).ToList();
            start.SetResult();
            var answers = await Task.WhenAll(calls);

            var recordedOn = new List<string>();
            foreach (var item in new[] { left, right })
                if ((await api.ReadItemAsync(item)).OfOrder<OrderPlaced>(orderId).Count > 0) recordedOn.Add(item);
            recordedOn.ShouldHaveSingleItem($"order {orderId} must be recorded on one item only, but both streams hold it");
            var winner = recordedOn[0];
            answers.Where(a => a.ItemId == winner).ShouldAllBe(a => a.Answer.Status == HttpStatusCode.Created);
            answers.Where(a => a.ItemId != winner).ShouldAllBe(a => a.Answer.Status == HttpStatusCode.Conflict && a.Answer.Code == "order.id_reused");
        }
    }
}

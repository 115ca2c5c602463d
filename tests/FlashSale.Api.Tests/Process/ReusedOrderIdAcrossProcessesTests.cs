using System.Net;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Process;

/// <summary>
/// Two API processes on one data directory each accept the same order id on a different item (neither has seen the
/// other's order yet). Both orders are kept apart everywhere downstream: the log, the order-status and dead-letter rows,
/// payment routing and the stock of each item; a call that names only the order is refused as ambiguous.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ReusedOrderIdAcrossProcessesTests : IDisposable
{
    private const int Stock = 3;
    private const int PaymentWindowSeconds = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDataDirectory _data = new();
    private readonly List<ApiProcess> _processes = [];
    private readonly List<HttpClient> _clients = [];
    private readonly string _desk = Ids.New("desk");
    private readonly string _chair = Ids.New("chair");

    /// <summary>Orders of races the log decided (one side refused the reused id): released with the others.</summary>
    private readonly List<(string OrderId, string ItemId)> _strays = [];

    [Fact]
    public async Task one_order_id_accepted_on_two_items_by_two_processes_stays_two_orders_each_settled_on_its_own_item()
    {
        var settings = new Dictionary<string, string> { ["Payments__Enabled"] = "false" };
        var a = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), settings));
        var b = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), settings));
        var (buyerA, buyerB) = (Client(a), Client(b));
        var (operatorA, operatorB) = (Client(a, ApiProcess.OperatorKey), Client(b, ApiProcess.OperatorKey));
        (await operatorA.ListItemAsync(_desk, Stock, perUserLimit: Stock, PaymentWindowSeconds)).Status.ShouldBe(HttpStatusCode.Created);
        (await operatorB.ListItemAsync(_chair, Stock, perUserLimit: Stock, PaymentWindowSeconds)).Status.ShouldBe(HttpStatusCode.Created);

        var twin = await PlaceOnBothAtOnceAsync(buyerA, buyerB, "twin");
        var echo = await PlaceOnBothAtOnceAsync(buyerA, buyerB, "echo");
        var windowCloses = DateTimeOffset.UtcNow.AddSeconds(PaymentWindowSeconds + 1);

        foreach (var item in new[] { _desk, _chair })
            (await Log(item)).OfType<OrderPlaced>().Select(o => o.OrderId).ShouldBe([twin, echo, .. _strays.Where(s => s.ItemId == item).Select(s => s.OrderId)],
                ignoreOrder: true, $"both orders are in the log of {item}");

        // Order status: one row per item, and the order id alone names both items.
        foreach (var buyer in new[] { buyerA, buyerB }) await ShouldBeAmbiguousAsync(() => Get(buyer, $"/api/orders/{Esc(twin)}"));
        (await Get(buyerB, $"/api/orders/{Esc(twin)}?itemId={Esc(_desk)}")).Json.Str("userId").ShouldBe("twin-desk-buyer");
        (await Get(buyerA, $"/api/orders/{Esc(twin)}?itemId={Esc(_chair)}")).Json.Str("userId").ShouldBe("twin-chair-buyer");

        // Payment routing: the order index of each process has learned the other's order from the log.
        await Task.Delay(500);
        foreach (var buyer in new[] { buyerA, buyerB })
            ShouldBeAmbiguous(await buyer.PostSignedAsync($"/api/orders/{Esc(twin)}/payment", Json(new { paymentReference = "psp-twin" })));
        (await Log(_desk)).OfType<PaymentConfirmed>().ShouldBeEmpty("an ambiguous callback pays nothing");
        var paid = await buyerB.PostSignedAsync($"/api/orders/{Esc(twin)}/payment", Json(new { paymentReference = "psp-twin", itemId = _desk }));
        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());
        paid.String("itemId").ShouldBe(_desk, "B pays the desk's order, which A took");

        // After the window: late callbacks release each reservation on its own item; each timeout is a dead letter of its item.
        await Task.Delay(windowCloses - DateTimeOffset.UtcNow);
        foreach (var (orderId, itemId) in new[] { (twin, _chair), (echo, _desk), (echo, _chair) }.Concat(_strays))
        {
            var late = await buyerA.PostSignedAsync($"/api/orders/{Esc(orderId)}/payment", Json(new { paymentReference = "psp-late", itemId }));
            (late.Status, late.Code).ShouldBe((HttpStatusCode.Conflict, "payment.timed_out"), late.ToString());
            (await Log(itemId)).OfType<StockReleased>().Count(r => r.OrderId == orderId).ShouldBe(1, $"{orderId} released on {itemId}");
        }
        await ShouldBeAmbiguousAsync(() => Get(operatorA, $"/api/admin/dlq/{Esc(echo)}"));
        (await Get(operatorB, $"/api/admin/dlq/{Esc(echo)}?itemId={Esc(_desk)}")).Json.Str("reason").ShouldBe("deadline_passed");
        (await Get(operatorB, $"/api/admin/dlq/{Esc(twin)}")).Json.Str("itemId").ShouldBe(_chair, "only the chair's twin is a dead letter");

        // Operator decisions need the item too; then each reaches only its own item's order.
        var deskEvents = (await Log(_desk)).Count;
        ShouldBeAmbiguous(await operatorA.PostEmptyAsync($"/api/admin/dlq/{Esc(echo)}/retry"));
        (await Log(_desk)).Count.ShouldBe(deskEvents, "an ambiguous retry appends nothing");
        var retried = await operatorA.PostEmptyAsync($"/api/admin/dlq/{Esc(echo)}/retry?itemId={Esc(_desk)}");
        (retried.Status, retried.String("itemId"), retried.String("outcome")).ShouldBe((HttpStatusCode.OK, _desk, "retried"), retried.ToString());
        var discarded = await operatorB.PostEmptyAsync($"/api/admin/dlq/{Esc(echo)}/discard?itemId={Esc(_chair)}");
        (discarded.Status, discarded.String("itemId")).ShouldBe((HttpStatusCode.OK, _chair), discarded.ToString());
        (await buyerB.PostSignedAsync($"/api/orders/{Esc(echo)}/payment", Json(new { paymentReference = "psp-echo", itemId = _desk })))
            .Status.ShouldBe(HttpStatusCode.OK);

        (await Get(buyerA, $"/api/orders/{Esc(twin)}?itemId={Esc(_desk)}")).Json.Str("status").ShouldBe("confirmed");
        (await Get(buyerA, $"/api/orders/{Esc(twin)}?itemId={Esc(_chair)}")).Json.Str("status").ShouldBe("timed_out");
        await ShouldHoldNoStrandedStockAsync(buyerA, _desk, sold: 2);
        await ShouldHoldNoStrandedStockAsync(buyerB, _chair, sold: 0);
    }

    /// <summary>Places one order id on the desk through A and on the chair through B at the same moment. Should A's
    /// order index learn of B's order before A's request reaches it (it follows the log), A rightly refuses the reused id;
    /// then the race is run again with a fresh id, since this test is about the case where neither has seen the other.</summary>
    private async Task<string> PlaceOnBothAtOnceAsync(HttpClient a, HttpClient b, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            var orderId = Ids.New(name);
            var placed = await Task.WhenAll(
                a.PlaceOrderAsync(orderId, _desk, $"{name}-desk-buyer"),
                b.PlaceOrderAsync(orderId, _chair, $"{name}-chair-buyer"));
            if (placed.All(p => p.Status == HttpStatusCode.Created)) return orderId;
            placed.ShouldAllBe(p => p.Status == HttpStatusCode.Created || p.Code == "order.id_reused", string.Join("\n", placed.Select(p => p.ToString())));
            if (placed[0].Status == HttpStatusCode.Created) _strays.Add((orderId, _desk));
            if (placed[1].Status == HttpStatusCode.Created) _strays.Add((orderId, _chair));
            if (attempt == 5) throw new ShouldAssertException($"Five races in a row were decided by the log before both requests arrived: {placed[0]}");
        }
    }

    private async Task ShouldHoldNoStrandedStockAsync(HttpClient client, string itemId, int sold)
    {
        var head = (await EventLog.HeadAsync(_data.Path))!.Value.ToToken();
        var inventory = await client.QueryAsync($"/api/items/{Esc(itemId)}", head);
        inventory.Status.ShouldBe(HttpStatusCode.OK, inventory.ToString());
        var (available, reserved, soldNow) = (inventory.Json.Int("available"), inventory.Json.Int("reserved"), inventory.Json.Int("sold"));
        (available + reserved + soldNow).ShouldBe(Stock, $"{itemId}: {inventory}");
        (reserved, soldNow).ShouldBe((0, sold), $"{itemId}: every reservation was paid or released ({inventory})");
        (await Log(itemId)).ShouldNeverOversell();
    }

    private async Task ShouldBeAmbiguousAsync(Func<Task<HttpAnswer>> query)
    {
        // The read models of both processes follow the log; the second item's row arrives within moments.
        var deadline = DateTime.UtcNow + Patience;
        HttpAnswer answer;
        while ((answer = await query()).Code != "order.ambiguous" && DateTime.UtcNow < deadline) await Task.Delay(100);
        ShouldBeAmbiguous(answer);
    }

    private void ShouldBeAmbiguous(HttpAnswer answer)
    {
        (answer.Status, answer.Code).ShouldBe((HttpStatusCode.Conflict, "order.ambiguous"), answer.ToString());
        answer.String("detail").ShouldContain($"'{_desk}'", customMessage: "the problem names both items");
        answer.String("detail").ShouldContain($"'{_chair}'", customMessage: "the problem names both items");
    }

    private static async Task<HttpAnswer> Get(HttpClient client, string path) => (await client.QueryAsync(path)).Answer;

    private Task<IReadOnlyList<ItemEvent>> Log(string itemId) => EventLog.ReadItemAsync(_data.Path, itemId);

    private static string Esc(string id) => Uri.EscapeDataString(id);

    private static string Json(object body) => JsonSerializer.Serialize(body);

    private ApiProcess Started(ApiProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private HttpClient Client(ApiProcess process, string? apiKey = null)
    {
        var client = process.CreateClient(apiKey);
        _clients.Add(client);
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var process in _processes) process.Dispose();
        _data.Dispose();
    }
}

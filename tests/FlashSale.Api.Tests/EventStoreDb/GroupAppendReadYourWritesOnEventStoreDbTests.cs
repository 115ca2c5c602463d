using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Application.CommandPath;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.EventStoreDb;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.EventStoreDb;

/// <summary>
/// On EventStoreDB, orders group-committed together are all answered with their append's last position (ADR 0023),
/// which lies at or after each order's own events, so a query waiting for the position a buyer was given sees the order.
/// </summary>
public sealed class GroupAppendReadYourWritesOnEventStoreDbTests : IAsyncLifetime
{
    private readonly AppendGate _held = new();
    private EventStoreDbApi _app = null!;
    private WebApplicationFactory<Program> _api = null!;

    // Off: a restarted API folds the whole stream, which is where the append ends stored in the events matter (ADR 0023).
    private static readonly Dictionary<string, string?> NoSnapshots = new() { ["CommandPath:SnapshotEvery"] = "0" };

    public async Task InitializeAsync()
    {
        _app = await EventStoreDbApi.StartAsync(NoSnapshots);
        _api = _app.Api.WithEventStoreAround(store => new GatedEventStore(store, _held));
    }

    public async Task DisposeAsync()
    {
        _held.Open();
        await _api.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task every_order_of_a_group_append_is_seen_by_a_query_waiting_for_the_position_it_was_answered()
    {
        var (itemId, orderIds, answers) = await PlaceHeldGroupAsync(21);
        var answered = orderIds.Zip(answers, (id, a) => (Id: id, Position: a.String("position"))).ToList();

        var stream = await ReadStreamAsync(itemId);
        foreach (var (orderId, token) in answered)
        {
            LogPosition.TryParseToken(token, out var position).ShouldBeTrue();
            var own = stream.FindLastIndex(e => OrderOf(e) == orderId);
            var end = stream.FindIndex(e => e.Position == position);
            end.ShouldBeGreaterThanOrEqualTo(own, $"{orderId} was answered {token}, no position at or after its events");
            stream.Skip(own + 1).Take(end - own).ShouldAllBe(e => answered.Any(a => a.Id == OrderOf(e) && a.Position == token),
                $"only {orderId}'s append lies between its events and {token}");

            var order = await _api.CreateClient().QueryAsync($"/api/orders/{QueryCalls.Esc(orderId)}", token);
            order.Status.ShouldBe(HttpStatusCode.OK, order.ToString());
            order.Json.Str("status").ShouldBe("reserved");
        }
        var item = await _api.CreateClient().QueryAsync($"/api/items/{QueryCalls.Esc(itemId)}", answered[^1].Position);
        item.Json.Int("reserved").ShouldBe(21);
    }

    [Fact]
    public async Task after_a_restart_that_replays_the_stream_a_repeat_of_every_order_of_a_group_append_gets_the_first_answer_byte_for_byte()
    {
        var (itemId, orderIds, first) = await PlaceHeldGroupAsync(11);
        await _api.DisposeAsync();
        await _app.Api.DisposeAsync();

        var settings = new Dictionary<string, string?>(NoSnapshots)
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = _app.Server.ConnectionString,
        };
        await using var restarted = new FlashSaleApiFactory(settings);
        for (var i = 0; i < orderIds.Count; i++)
        {
            var repeat = await restarted.PlaceOrderAsync(orderIds[i], itemId, $"buyer-{i}");
            repeat.SameAs(first[i]).ShouldBeTrue($"{orderIds[i]}\nfirst:  {first[i]}\nrepeat: {repeat}");
        }
        var reloaded = restarted.Services.GetRequiredService<ItemCommandPath>().ActiveWriters.Single(w => w.ItemId == itemId);
        reloaded.LastLoad!.SnapshotRevision.ShouldBeNull("the restarted API replayed the stream");
    }

    /// <summary>Lists an item and places <paramref name="orders"/> orders: the first one's append is held until the others
    /// are claimed and decided on top of it, so they go in one group append. Every order is reserved.</summary>
    private async Task<(string ItemId, List<string> OrderIds, HttpAnswer[] Answers)> PlaceHeldGroupAsync(int orders)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        var itemId = Ids.New("grouped");
        (await client.ListItemAsync(itemId, stock: 100)).Status.ShouldBe(HttpStatusCode.Created);
        _held.Close();
        var orderIds = Enumerable.Range(0, orders).Select(_ => Ids.New("order")).ToList();
        var held = client.PlaceOrderAsync(orderIds[0], itemId, "buyer-0");
        await _held.Blocked.WaitAsync(TimeSpan.FromSeconds(30));
        var calls = orderIds.Skip(1).Select((id, i) => Task.Run(() => client.PlaceOrderAsync(id, itemId, $"buyer-{i + 1}"))).ToList();
        // A claimed order goes straight to the writer, which decides it on top of the held append (its queue empties).
        var index = _api.Services.GetRequiredService<OrderIndex>();
        var writer = _api.Services.GetRequiredService<ItemCommandPath>().ActiveWriters.Single(w => w.ItemId == itemId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(orderIds.All(id => index.ItemsOf(id).Count > 0) && writer.QueueLength == 0) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        _held.Open();
        HttpAnswer[] answers = [await held, .. await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30))];
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created);
        answers.Skip(1).Select(a => a.String("position")).Distinct().Count().ShouldBe(1, "the orders decided while the first was held share one append");
        return (itemId, orderIds, answers);
    }

    private async Task<List<RecordedEvent>> ReadStreamAsync(string itemId)
    {
        await using var store = EventStoreDbEventStore.Connect(_app.Server.ConnectionString);
        return await store.ReadStreamAsync(ItemStreams.For(itemId)).ToListAsync();
    }

    private static string? OrderOf(RecordedEvent recorded) => (ItemEventSerializer.Deserialize(recorded) as OrderEvent)?.OrderId;
}

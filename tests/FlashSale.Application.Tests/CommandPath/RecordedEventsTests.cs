using FlashSale.Contracts;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Sqlite;

namespace FlashSale.Application.Tests.CommandPath;

public sealed class RecordedEventsTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 6, 1, 9, 30, 0, TimeSpan.Zero));
    private WriteSide _app = null!;

    public async Task InitializeAsync() => _app = await WriteSide.StartAsync(_database.Path, _clock);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task every_event_carries_the_correlation_causation_and_actor_of_its_command()
    {
        await _app.ListItemAsync("item", stock: 5, paymentWindowSeconds: 120);
        var context = new CommandContext("correlation-1", "request-7", "alice");
        var receipt = await _app.PlaceOrderAsync("order", "item", "alice", context: context);

        var entries = (await _app.ReadLogAsync("item")).Of("order");
        entries.Select(e => e.Event.GetType()).ShouldBe([typeof(OrderPlaced), typeof(StockReserved)]);
        foreach (var entry in entries)
        {
            var metadata = ItemEventSerializer.DeserializeMetadata(entry.Recorded).ShouldNotBeNull();
            metadata.CorrelationId.ShouldBe("correlation-1");
            metadata.CausationId.ShouldBe("request-7");
            metadata.Actor.ShouldBe("alice");
            metadata.Timestamp.ShouldBe(_clock.GetUtcNow()); // the injected clock, same as the events' own times
        }
        entries[0].Event.ShouldBe(new OrderPlaced("item", "order", "alice", 1, _clock.GetUtcNow()));
        entries[1].Event.ShouldBe(new StockReserved("item", "order", "alice", 1, _clock.GetUtcNow().AddSeconds(120)));
        receipt.ReservedUntil.ShouldBe(_clock.GetUtcNow().AddSeconds(120));
        receipt.Position.ShouldBe(entries[1].Recorded.Position);
    }

    [Fact]
    public async Task event_ids_are_derived_from_the_events_themselves()
    {
        await _app.ListItemAsync("item", stock: 2, perUserLimit: 1);
        await _app.PlaceOrderAsync("o1", "item", "alice");
        await _app.PlaceOrderAsync("o2", "item", "bob");
        await _app.PlaceOrderAsync("o3", "item", "carol");

        var log = await _app.ReadLogAsync("item");

        log.Entries.Count.ShouldBe(7);
        foreach (var entry in log.Entries)
            entry.Recorded.EventId.ShouldBe(EventIds.Of(entry.Recorded));
        log.Entries.Select(e => e.Recorded.EventId).Distinct().Count().ShouldBe(7);
        log.Entries.Select(e => e.Recorded.Type).ShouldBe(log.Events.Select(ItemEventTypes.NameOf));
    }

    [Fact]
    public async Task an_answered_order_is_already_visible_to_a_store_opened_afresh_on_the_file()
    {
        await _app.ListItemAsync("item", stock: 3);

        var receipt = await _app.PlaceOrderAsync("order", "item", "alice");

        await using var fresh = await SqliteEventStore.OpenAsync(_database.Path);
        var log = await ItemLog.ReadAsync(fresh, "item");
        log.Of("order").Select(e => e.Event.GetType()).ShouldBe([typeof(OrderPlaced), typeof(StockReserved)]);
        log.Of("order")[^1].Recorded.Position.ShouldBe(receipt.Position);
        (await fresh.ReadHeadPositionAsync()).ShouldBe(receipt.Position);
    }

    [Fact]
    public async Task an_order_is_not_answered_while_its_append_is_still_in_flight()
    {
        using var database = new TempDatabase();
        GatedEventStore gate = null!;
        await using var app = await WriteSide.StartAsync(database.Path, decorateStore: store => gate = new GatedEventStore(store));
        await app.ListItemAsync("item", stock: 3);
        gate.Close();

        var order = app.PlaceOrderAsync("order", "item", "alice");
        await gate.Blocked.WaitAsync(Eventually.Bound);

        order.IsCompleted.ShouldBeFalse();
        (await app.ReadLogAsync("item")).Of("order").ShouldBeEmpty();
        gate.Open();
        var receipt = await order.WaitAsync(Eventually.Bound);
        (await app.ReadLogAsync("item")).Of("order")[^1].Recorded.Position.ShouldBe(receipt.Position);
    }

    [Fact]
    public async Task a_repeat_after_a_restart_answers_exactly_as_the_first_time()
    {
        await _app.ListItemAsync("item", stock: 1, perUserLimit: 1);
        var reserved = await _app.PlaceOrderAsync("reserved", "item", "alice");
        var rejected = await _app.PlaceOrderAsync("rejected", "item", "bob");
        await _app.DisposeAsync();

        _app = await WriteSide.StartAsync(_database.Path, _clock);
        _clock.Advance(TimeSpan.FromSeconds(30));

        (await _app.PlaceOrderAsync("reserved", "item", "alice")).ShouldBe(reserved with { Repeated = true });
        (await _app.PlaceOrderAsync("rejected", "item", "bob")).ShouldBe(rejected with { Repeated = true });
        (await _app.ReadLogAsync("item")).Entries.Count.ShouldBe(5);
    }
}

using System.Text;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Items;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>One event that cannot be read blocks its item only, is reported with its place, and an operator's skip
/// (possibly from another process: the CLI) unblocks the item (adr/0010).</summary>
public sealed class UnreadableEventTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private WriteSide _api = null!;

    public async Task InitializeAsync() => _api = await WriteSide.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task an_unreadable_event_blocks_only_its_item_and_is_reported_with_stream_revision_position_and_type()
    {
        await _api.ListItemAsync("broken", stock: 5);
        await _api.ListItemAsync("fine", stock: 5);
        var position = await AppendRawAsync("broken", ItemEventTypes.NameOf<StockReserved>(), "{\"itemId\": 5}");

        var refused = await Should.ThrowAsync<ItemUnreadableException>(() => _api.PlaceOrderAsync("o-1", "broken", "alice"));
        var again = await Should.ThrowAsync<ItemUnreadableException>(() => _api.PlaceOrderAsync("o-2", "broken", "bob"));

        refused.Unreadable.ShouldBe(again.Unreadable);
        refused.Unreadable.Position.ShouldBe(position.ToToken());
        refused.Unreadable.Revision.ShouldBe(1);
        refused.StreamId.ShouldBe("item-broken");
        (await _api.PlaceOrderAsync("o-3", "fine", "carol")).Reserved.ShouldBeTrue("other items are unaffected");
        var report = Anomalies(_api).UnreadableEvents.ShouldHaveSingleItem();
        report.ShouldSatisfyAllConditions(
            () => report.StreamId.ShouldBe("item-broken"),
            () => report.Revision.ShouldBe(1),
            () => report.Position.ShouldBe(position),
            () => report.Type.ShouldBe("V1.StockReserved"),
            () => report.IsBlocking.ShouldBeTrue());
    }

    [Fact]
    public async Task after_an_operator_in_another_process_skips_the_event_the_item_takes_orders_again()
    {
        await _api.ListItemAsync("repaired", stock: 5);
        var position = await AppendRawAsync("repaired", ItemEventTypes.NameOf<OrderPlaced>(), "not json");
        await Should.ThrowAsync<ItemUnreadableException>(() => _api.PlaceOrderAsync("o-1", "repaired", "alice"));

        await using (var cli = await WriteSide.StartAsync(_database.Path))
        {
            var receipt = await cli.Mediator.Send(new SkipUnreadableEventRequest("repaired", position.ToToken(), "hand-written test event",
                CommandContext.System("cli:ops")));
            receipt.Revision.ShouldBe(1);
            receipt.StillUnreadable.ShouldBe(0);
        }

        var order = await _api.CommandPath.ExecuteAsync(new PlaceOrder("repaired", "o-2", "bob", 1, DateTimeOffset.UtcNow), CommandContext.System("bob"));
        order.Events.OfType<StockReserved>().ShouldHaveSingleItem();
        order.Available.ShouldBe(4);
        var skipped = new List<ItemEvent>();
        await foreach (var recorded in _api.Store.ReadStreamAsync(ItemStreams.For("repaired")))
            if (recorded.Type == ItemEventTypes.NameOf<UnreadableEventSkipped>()) skipped.Add(ItemEventSerializer.Deserialize(recorded)!);
        skipped.ShouldHaveSingleItem().ShouldBeOfType<UnreadableEventSkipped>().Position.ShouldBe(position.ToToken());
        Anomalies(_api).UnreadableEvents.ShouldHaveSingleItem().Skipped.ShouldNotBeNull().Actor.ShouldBe("cli:ops");
    }

    [Fact]
    public async Task an_event_of_an_unknown_type_is_skipped_counted_and_the_item_keeps_working()
    {
        await _api.ListItemAsync("newer", stock: 5);
        await AppendRawAsync("newer", "V2.SomethingNew", "{\"itemId\":\"newer\"}");

        (await _api.PlaceOrderAsync("o-1", "newer", "alice")).Reserved.ShouldBeTrue();

        var unknown = Anomalies(_api).UnknownEvents.ShouldHaveSingleItem();
        unknown.Type.ShouldBe("V2.SomethingNew");
        unknown.StreamId.ShouldBe("item-newer");
        Anomalies(_api).UnknownCount.ShouldBe(1, "seen by the writer and the order index, counted once");
    }

    [Fact]
    public async Task a_process_starts_on_a_log_whose_order_placed_cannot_be_read_and_reports_it()
    {
        await _api.ListItemAsync("bad-order", stock: 5);
        var position = await AppendRawAsync("bad-order", ItemEventTypes.NameOf<OrderPlaced>(), "{\"quantity\": \"many\"}");

        await using var restarted = await WriteSide.StartAsync(_database.Path);

        var report = Anomalies(restarted).UnreadableEvents.ShouldHaveSingleItem();
        report.Position.ShouldBe(position);
        report.FoundBy.ShouldBe(OrderIndexFeeder.FollowerName);
        (await restarted.ListItemAsync("after-restart", stock: 1)).Available.ShouldBe(1);
    }

    private static LogAnomalies Anomalies(WriteSide side) => side.Services.GetRequiredService<LogAnomalies>();

    /// <summary>Appends an event as another program might have: bytes the type's JSON contract does not accept.</summary>
    private async Task<LogPosition> AppendRawAsync(string itemId, string type, string data)
    {
        var stream = ItemStreams.For(itemId);
        var revision = -1L;
        await foreach (var recorded in _api.Store.ReadStreamAsync(stream)) revision = recorded.StreamRevision;
        var result = await _api.Store.AppendAsync(stream, ExpectedRevision.After(revision),
            [new EventData(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(data), ReadOnlyMemory<byte>.Empty)]);
        return result.ShouldBeOfType<AppendResult.Success>().Position;
    }
}

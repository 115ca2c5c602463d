using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>
/// A group append asks the store only for its last position and answers every command of it with that (ADR 0023):
/// against the EventStoreDB double, through the real adapter, one call per append and no read-back.
/// </summary>
public sealed class GroupAppendPositionTests : OnEventStoreDbDouble
{
    private const string ItemId = "group-positions";

    [Fact]
    public async Task every_order_of_one_group_append_is_answered_with_its_last_position_learnt_from_the_append_call_alone()
    {
        var gate = new GatedEventStore(Store);
        await using var writer = new ItemWriter(ItemId, gate, new CommandPathOptions(), NullLogger.Instance);
        await writer.ExecuteAsync(new ListItem(ItemId, "Group", 100, 10, null, null, 600, DateTimeOffset.UtcNow), Context())
            .WaitAsync(Eventually.Bound);
        var (appends, reads) = (0, 0);

        var all = await HeldAppend.GroupAsync(gate, writer, Enumerable.Range(0, 21).Select(Order),
            whileHeld: () => (appends, reads) = (Server.AppendCalls, Server.ReadCalls));
        var (first, outcomes) = (all[0], all[1..]);

        (Server.AppendCalls - appends, Server.ReadCalls - reads).ShouldBe((2, 0), "the held append and the group's, nothing read back");
        var log = await Store.ReadAllAsync(null, 1_000, StreamFilter.Prefixes(ItemStreams.For(ItemId))).ToListAsync();
        log.Count.ShouldBe(1 + 21 * 2);
        first.Position.ShouldBe(log[2].Position);
        var position = outcomes.Select(o => o.Position).Distinct().ShouldHaveSingleItem()!.Value;
        position.ShouldBe(log[^1].Position);
        outcomes.ShouldAllBe(o => o.Order!.Value.Placement == position, "a repeat answers what the first answer said");
        // Read-your-writes: every order of the group is at or before the position its buyer was given.
        var upTo = log.Where(e => e.Position <= position).Select(ItemEventSerializer.Deserialize).OfType<StockReserved>();
        upTo.Select(r => r.OrderId).ShouldBe(Enumerable.Range(0, 21).Select(i => $"o-{i}"), ignoreOrder: true);
    }

    [Fact]
    public async Task after_a_restart_that_replays_the_stream_a_repeat_of_every_order_of_a_group_append_is_answered_as_the_first_time()
    {
        var gate = new GatedEventStore(Store);
        CommandOutcome[] first;
        await using (var writer = new ItemWriter(ItemId, gate, new CommandPathOptions(), NullLogger.Instance))
        {
            await writer.ExecuteAsync(new ListItem(ItemId, "Group", 100, 10, null, null, 600, DateTimeOffset.UtcNow), Context())
                .WaitAsync(Eventually.Bound);
            first = await HeldAppend.GroupAsync(gate, writer, Enumerable.Range(0, 21).Select(Order));
        }
        var log = await ItemLog.ReadAsync(Store, ItemId);
        first[1].Position.ShouldBe(log.Entries[^1].Recorded.Position, "the group shares its append's last position");
        first[1].Position.ShouldNotBe(log.Entries[4].Recorded.Position, "o-1's own events end before the group's last");

        await using var restarted = new ItemWriter(ItemId, Store, new CommandPathOptions(), NullLogger.Instance);
        for (var i = 0; i <= 20; i++)
        {
            var repeat = await restarted.ExecuteAsync(Order(i), Context()).WaitAsync(Eventually.Bound);
            repeat.Events.ShouldBeEmpty();
            repeat.Order.ShouldBe(first[i].Order, $"o-{i}: the positions a repeat answers");
            repeat.Order!.Value.Placement.ShouldBe(first[i].Position, $"o-{i}: a repeat answers the first answer's position");
            repeat.OrderOf($"o-{i}").ShouldBe(first[i].OrderOf($"o-{i}"), $"o-{i}: the order a repeat answers");
        }
        restarted.LastLoad!.WhyNoSnapshot.ShouldBe("snapshots are off");
        restarted.LastLoad.EventsFolded.ShouldBe(log.Entries.Count);
    }

    [Fact]
    public async Task orders_appended_together_before_the_append_end_wasStored_replay_to_their_own_positions()
    {
        var listing = new ListItem(ItemId, "Old", 100, 10, null, null, 600, DateTimeOffset.UtcNow);
        var state = ItemState.Initial;
        var events = new List<ItemEvent>();
        foreach (ItemCommand command in new ItemCommand[] { listing, Order(1), Order(2), Order(3) })
            foreach (var @event in ItemDecider.Decide(command, state))
            {
                state = ItemDecider.Evolve(state, @event);
                events.Add(@event);
            }
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("old", "old", "buyer", DateTimeOffset.UtcNow));
        var stream = ItemStreams.For(ItemId);
        await Store.AppendAsync(stream, ExpectedRevision.NoStream,
            [.. events.Select((e, revision) => ItemEventSerializer.ToEventData(stream, e, revision, metadata))]);
        var log = await ItemLog.ReadAsync(Store, ItemId);

        await using var writer = new ItemWriter(ItemId, Store, new CommandPathOptions(), NullLogger.Instance);
        foreach (var i in new[] { 1, 2, 3 })
        {
            var reserved = log.Entries.Single(e => e.Event is StockReserved r && r.OrderId == $"o-{i}").Recorded.Position;
            var repeat = await writer.ExecuteAsync(Order(i), Context()).WaitAsync(Eventually.Bound);
            repeat.Order!.Value.Placement.ShouldBe(reserved, $"o-{i}: its own position, as every event without the field");
        }
    }

    private static PlaceOrder Order(int i) => new(ItemId, $"o-{i}", $"u-{i}", 1, DateTimeOffset.UtcNow);

    private static CommandContext Context() => CommandContext.System("buyer");
}

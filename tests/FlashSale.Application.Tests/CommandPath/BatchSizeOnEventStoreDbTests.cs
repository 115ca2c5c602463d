using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>The split against the loopback EventStoreDB double's maximum append size, through the real adapter.</summary>
public sealed class BatchSizeOnEventStoreDbTests : OnEventStoreDbDouble
{
    private const string ItemId = "esdb-bytes";

    [Fact]
    public async Task a_batch_above_the_servers_maximum_append_size_is_split_and_only_the_oversized_restock_fails()
    {
        Server.MaxAppendSize = 2500;
        var gate = new GatedEventStore(Store);
        await using var writer = new ItemWriter(ItemId, gate, new CommandPathOptions(), NullLogger.Instance);
        await writer.ExecuteAsync(new ListItem(ItemId, "Bytes", 100, 10, null, null, 600, DateTimeOffset.UtcNow), Context()).WaitAsync(Eventually.Bound);
        gate.Close();
        var first = writer.ExecuteAsync(Order(0), Context());
        await gate.Blocked.WaitAsync(Eventually.Bound);

        // Real concurrent callers; each call returns once its command is queued.
        var orders = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Factory.StartNew(() => writer.ExecuteAsync(Order(i), Context()))));
        var huge = writer.ExecuteAsync(new RestockItem(ItemId, 5, new string('€', 1000), DateTimeOffset.UtcNow), Context());
        gate.Open();

        await Should.ThrowAsync<AppendTooLargeException>(() => huge.WaitAsync(Eventually.Bound));
        (await first.WaitAsync(Eventually.Bound)).Events.OfType<StockReserved>().ShouldHaveSingleItem();
        foreach (var order in orders) (await order.WaitAsync(Eventually.Bound)).Events.OfType<StockReserved>().ShouldHaveSingleItem();
        var log = await ItemLog.ReadAsync(Store, ItemId);
        log.OfType<StockReserved>().Count.ShouldBe(21);
        log.OfType<ItemRestocked>().ShouldBeEmpty();
    }

    [Fact]
    public async Task each_part_of_a_split_batch_names_its_own_last_revision_so_a_replay_answers_repeats_as_the_first_time()
    {
        Server.MaxAppendSize = 2500;
        var gate = new GatedEventStore(Store);
        CommandOutcome[] outcomes;
        await using (var writer = new ItemWriter(ItemId, gate, new CommandPathOptions(), NullLogger.Instance))
        {
            await writer.ExecuteAsync(new ListItem(ItemId, "Bytes", 100, 10, null, null, 600, DateTimeOffset.UtcNow), Context()).WaitAsync(Eventually.Bound);
            outcomes = await HeldAppend.GroupAsync(gate, writer, Enumerable.Range(0, 21).Select(Order));
        }

        var log = await ItemLog.ReadAsync(Store, ItemId);
        outcomes.Skip(1).Select(o => o.Position).Distinct().Count().ShouldBeGreaterThan(1, "the orders were split into several appends");
        for (var i = 0; i <= 20; i++)
        {
            var reserved = log.Entries.Single(e => e.Event is StockReserved r && r.OrderId == $"o-{i}").Recorded;
            var end = ItemEventSerializer.AppendEndOf(reserved);
            ItemEventSerializer.AppendEndOf(log.Entries[(int)end].Recorded).ShouldBe(end, $"o-{i}: it names the last event of its append");
            outcomes[i].Position.ShouldBe(log.Entries[(int)end].Recorded.Position, $"o-{i}: answered with the position its events name");
        }
        await using var restarted = new ItemWriter(ItemId, Store, new CommandPathOptions(), NullLogger.Instance);
        for (var i = 0; i <= 20; i++)
            (await restarted.ExecuteAsync(Order(i), Context()).WaitAsync(Eventually.Bound)).Order.ShouldBe(outcomes[i].Order, $"o-{i} repeated after a replay");
    }

    private static PlaceOrder Order(int i) => new(ItemId, $"o-{i}", $"u-{i}", 1, DateTimeOffset.UtcNow);

    private static CommandContext Context() => CommandContext.System("buyer");
}

using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>
/// A group append asks the store only for its last position and answers every command of it with that (ADR 0023):
/// against the EventStoreDB double, through the real adapter, one call per append and no read-back.
/// </summary>
public sealed class GroupAppendPositionTests : IAsyncLifetime
{
    private const string ItemId = "group-positions";
    private EventStoreDbDouble _server = null!;
    private EventStoreDbEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await EventStoreDbDouble.StartAsync();
        _store = EventStoreDbEventStore.Connect(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task every_order_of_one_group_append_is_answered_with_its_last_position_learnt_from_the_append_call_alone()
    {
        var gate = new GatedEventStore(_store);
        await using var writer = new ItemWriter(ItemId, gate, new CommandPathOptions(), NullLogger.Instance);
        await writer.ExecuteAsync(new ListItem(ItemId, "Group", 100, 10, null, null, 600, DateTimeOffset.UtcNow), Context())
            .WaitAsync(Eventually.Bound);
        gate.Close();
        var held = writer.ExecuteAsync(Order(0), Context());
        await gate.Blocked.WaitAsync(Eventually.Bound);
        var group = Enumerable.Range(1, 20).Select(i => writer.ExecuteAsync(Order(i), Context())).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(writer.QueueLength == 0), "the writer has decided the group on top of the held append");
        var (appends, reads) = (_server.AppendCalls, _server.ReadCalls);

        gate.Open();
        var first = await held.WaitAsync(Eventually.Bound);
        var outcomes = await Task.WhenAll(group).WaitAsync(Eventually.Bound);

        (_server.AppendCalls - appends, _server.ReadCalls - reads).ShouldBe((2, 0), "the held append and the group's, nothing read back");
        var log = await _store.ReadAllAsync(null, 1_000, StreamFilter.Prefixes(ItemStreams.For(ItemId))).ToListAsync();
        log.Count.ShouldBe(1 + 21 * 2);
        first.Position.ShouldBe(log[2].Position);
        var position = outcomes.Select(o => o.Position).Distinct().ShouldHaveSingleItem()!.Value;
        position.ShouldBe(log[^1].Position);
        outcomes.ShouldAllBe(o => o.Order!.Value.Placement == position, "a repeat answers what the first answer said");
        // Read-your-writes: every order of the group is at or before the position its buyer was given.
        var upTo = log.Where(e => e.Position <= position).Select(ItemEventSerializer.Deserialize).OfType<StockReserved>();
        upTo.Select(r => r.OrderId).ShouldBe(Enumerable.Range(0, 21).Select(i => $"o-{i}"), ignoreOrder: true);
    }

    private static PlaceOrder Order(int i) => new(ItemId, $"o-{i}", $"u-{i}", 1, DateTimeOffset.UtcNow);

    private static CommandContext Context() => CommandContext.System("buyer");
}

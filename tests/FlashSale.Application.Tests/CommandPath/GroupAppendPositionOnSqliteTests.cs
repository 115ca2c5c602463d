using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>A store that answers every appended position (SQLite) keeps each command's own position, and its events carry
/// no append end (ADR 0023): nothing to rebuild on a replay, which gives the same positions.</summary>
public sealed class GroupAppendPositionOnSqliteTests : OnSqlite
{
    private const string ItemId = "group-positions-sqlite";

    [Fact]
    public async Task every_order_of_one_group_append_keeps_its_own_position_with_no_append_end_stored_and_after_a_replay()
    {
        var gate = new GatedEventStore(Sqlite);
        CommandOutcome[] outcomes;
        await using (var writer = new ItemWriter(ItemId, gate, new CommandPathOptions(), NullLogger.Instance))
        {
            await writer.ExecuteAsync(new ListItem(ItemId, "Group", 100, 10, null, null, 600, DateTimeOffset.UtcNow), Context())
                .WaitAsync(Eventually.Bound);
            outcomes = await HeldAppend.GroupAsync(gate, writer, Enumerable.Range(0, 11).Select(Order));
        }

        var log = await ItemLog.ReadAsync(Sqlite, ItemId);
        log.Entries.ShouldAllBe(e => ItemEventSerializer.DeserializeMetadata(e.Recorded)!.AppendEnd == null);
        for (var i = 0; i <= 10; i++)
            outcomes[i].Position.ShouldBe(log.Entries.Single(e => e.Event is StockReserved r && r.OrderId == $"o-{i}").Recorded.Position);
        await using var restarted = new ItemWriter(ItemId, Sqlite, new CommandPathOptions(), NullLogger.Instance);
        for (var i = 0; i <= 10; i++)
            (await restarted.ExecuteAsync(Order(i), Context()).WaitAsync(Eventually.Bound)).Order.ShouldBe(outcomes[i].Order, $"o-{i} repeated after a replay");
    }

    private static PlaceOrder Order(int i) => new(ItemId, $"o-{i}", $"u-{i}", 1, DateTimeOffset.UtcNow);

    private static CommandContext Context() => CommandContext.System("buyer");
}

using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>A command's events share its metadata bytes, marked once per append end (ADR 0033): under many concurrent
/// callers every stored event still carries its own order's data and its own command's metadata, and repeats on a
/// restarted writer are answered as the first time.</summary>
public sealed class BatchBytesTests : OnEventStoreDbDouble
{
    private const int Orders = 600;

    [Fact]
    public async Task on_eventstoredb_each_event_of_concurrent_orders_carries_its_own_order_and_its_own_commands_metadata() =>
        await EachEventIsItsOwnAsync(Store);

    [Fact]
    public async Task on_sqlite_each_event_of_concurrent_orders_carries_its_own_order_and_its_own_commands_metadata()
    {
        using var database = new TempDatabase();
        await using var sqlite = await SqliteEventStore.OpenAsync(database.Path);
        await EachEventIsItsOwnAsync(sqlite);
    }

    private static async Task EachEventIsItsOwnAsync(IEventStore store)
    {
        const string itemId = "bytes";
        var at = DateTimeOffset.UtcNow;
        CommandOutcome[] first;
        await using (var writer = new ItemWriter(itemId, store, new CommandPathOptions(), NullLogger.Instance))
        {
            await writer.ExecuteAsync(new ListItem(itemId, "Bytes", Orders, 2, null, null, 600, at), Context(-1)).WaitAsync(Eventually.Bound);
            first = await Task.WhenAll(Enumerable.Range(0, Orders).Select(i => Task.Run(() => writer.ExecuteAsync(Order(itemId, i, at), Context(i)))))
                .WaitAsync(Eventually.Bound);
            writer.AppendCount.ShouldBeLessThan(Orders / 2, "orders shared appends");
        }

        var log = await ItemLog.ReadAsync(store, itemId);
        log.Entries.Count.ShouldBe(1 + 2 * Orders);
        foreach (var (recorded, @event) in log.Entries.Skip(1))
        {
            var order = (OrderEvent)@event;
            var i = int.Parse(order.OrderId["o-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var metadata = ItemEventSerializer.DeserializeMetadata(recorded)!;
            (metadata.CorrelationId, metadata.CausationId, metadata.Actor).ShouldBe(($"correlation-{i}", $"causation-{i}", $"buyer-{i}"), order.OrderId);
            (@event is OrderPlaced { UserId: var placedBy } ? placedBy : ((StockReserved)@event).UserId).ShouldBe($"user-{i}");
            EventIds.Of(recorded).ShouldBe(recorded.EventId, $"{order.OrderId}: its id is over its stored bytes");
        }
        for (var i = 0; i < Orders; i++)
            first[i].Position.ShouldBe(log.Entries[(int)ItemEventSerializer.AppendEndOf(log.Of($"o-{i}")[^1].Recorded)].Recorded.Position);

        await using var restarted = new ItemWriter(itemId, store, new CommandPathOptions(), NullLogger.Instance);
        var repeats = await Task.WhenAll(Enumerable.Range(0, Orders).Select(i => Task.Run(() => restarted.ExecuteAsync(Order(itemId, i, at), Context(i)))))
            .WaitAsync(Eventually.Bound);
        for (var i = 0; i < Orders; i++)
        {
            repeats[i].Events.ShouldBeEmpty();
            repeats[i].Position.ShouldBeNull();
            repeats[i].Order.ShouldBe(first[i].Order, $"o-{i} is answered as the first time");
            repeats[i].OrderOf($"o-{i}").ShouldBe(first[i].OrderOf($"o-{i}"));
        }
    }

    private static PlaceOrder Order(string itemId, int i, DateTimeOffset at) => new(itemId, $"o-{i}", $"user-{i}", 1, at);

    private static CommandContext Context(int i) => new($"correlation-{i}", $"causation-{i}", $"buyer-{i}");
}

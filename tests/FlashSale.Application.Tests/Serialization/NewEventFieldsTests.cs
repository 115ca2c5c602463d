using System.Text;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.Serialization;

/// <summary>The restock's operation id is stored on V1.StockAdded; events stored before it read with none. The skip marker
/// of an unreadable event round-trips under its own stable name.</summary>
public sealed class NewEventFieldsTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_restock_with_an_operation_id_is_stored_as_stock_added_with_it_and_reads_back_the_same()
    {
        var restock = new ItemRestocked("item", 5, "delivery", At, "op-1");

        var data = ItemEventSerializer.ToEventData(restock, 1, ReadOnlyMemory<byte>.Empty);

        data.Type.ShouldBe("V1.StockAdded");
        Encoding.UTF8.GetString(data.Data.Span).ShouldContain("\"operationId\":\"op-1\"");
        ItemEventSerializer.Deserialize(Recorded(data)).ShouldBe(restock);
    }

    [Fact]
    public void a_restock_stored_before_operation_ids_reads_with_none() =>
        ItemEventSerializer.Deserialize(Recorded(new EventData(Guid.NewGuid(), "V1.StockAdded",
                """{"itemId":"item","quantity":5,"reason":"old","addedAt":"2030-01-01T12:00:00+00:00"}"""u8.ToArray(), ReadOnlyMemory<byte>.Empty)))
            .ShouldBeOfType<ItemRestocked>().OperationId.ShouldBeNull();

    [Fact]
    public void the_skip_of_an_unreadable_event_round_trips_as_v1_unreadable_event_skipped()
    {
        var skipped = new UnreadableEventSkipped("item", 3, "17", "V1.StockReserved", "bad import", "cli:ops", At);

        var data = ItemEventSerializer.ToEventData(skipped, 4, ReadOnlyMemory<byte>.Empty);

        data.Type.ShouldBe("V1.UnreadableEventSkipped");
        ItemEventSerializer.Deserialize(Recorded(data)).ShouldBe(skipped);
    }

    private static RecordedEvent Recorded(EventData data) =>
        new("item-item", 1, new LogPosition(1, 1), data.EventId, data.Type, data.Data, data.Metadata, At);
}

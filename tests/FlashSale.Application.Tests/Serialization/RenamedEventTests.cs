using System.Text;
using System.Text.Json.Nodes;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.Serialization;

/// <summary>The restock event's class is <see cref="ItemRestocked"/> now; streams written before still call it V1.StockAdded.</summary>
public sealed class RenamedEventTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private const string StoredRestock = """{"itemId":"item","quantity":5,"reason":"late delivery","addedAt":"2030-01-01T12:00:00+00:00"}""";

    [Fact]
    public void a_restock_stored_as_stock_added_reads_as_item_restocked()
    {
        var recorded = new RecordedEvent("item-item", 1, new LogPosition(1, 1), Guid.NewGuid(), "V1.StockAdded",
            Encoding.UTF8.GetBytes(StoredRestock), ReadOnlyMemory<byte>.Empty, At);

        ItemEventSerializer.Deserialize(recorded).ShouldBe(new ItemRestocked("item", 5, "late delivery", At));
    }

    [Fact]
    public void item_restocked_is_stored_under_its_old_name_and_fields()
    {
        var data = ItemEventSerializer.ToEventData(new ItemRestocked("item", 5, "late delivery", At), 1, ReadOnlyMemory<byte>.Empty);

        data.Type.ShouldBe("V1.StockAdded");
        ItemEventTypes.NameOf<ItemRestocked>().ShouldBe("V1.StockAdded");
        JsonNode.DeepEquals(JsonNode.Parse(data.Data.Span), JsonNode.Parse(StoredRestock))
            .ShouldBeTrue($"stored {Encoding.UTF8.GetString(data.Data.Span)}, streams hold {StoredRestock}");
    }
}

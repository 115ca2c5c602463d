using System.Text;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>An event id names exactly what is sent: the same bytes re-sent keep it, anything else gets another.</summary>
public sealed class EventIdTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("correlation", "causation", "operator", At));

    [Fact]
    public void the_same_event_serialized_again_for_the_same_revision_keeps_its_id()
    {
        var restock = new ItemRestocked("item", 1, "found a box", At);

        var sent = ItemEventSerializer.ToEventData(restock, 3, Metadata);
        var resent = ItemEventSerializer.ToEventData(restock, 3, Metadata.ToArray());

        resent.EventId.ShouldBe(sent.EventId);
        EventIds.Of(Recorded(sent, revision: 3)).ShouldBe(sent.EventId);
    }

    [Fact]
    public void another_decision_at_the_same_revision_gets_another_id()
    {
        var one = ItemEventSerializer.ToEventData(new ItemRestocked("item", 1, "found a box", At), 3, Metadata);

        ItemEventSerializer.ToEventData(new ItemRestocked("item", 100, "found a box", At), 3, Metadata).EventId.ShouldNotBe(one.EventId);
        var listedOnce = ItemEventSerializer.ToEventData(Listing(stock: 1), 0, Metadata);
        ItemEventSerializer.ToEventData(Listing(stock: 100), 0, Metadata).EventId.ShouldNotBe(listedOnce.EventId);
        var placed = ItemEventSerializer.ToEventData(new OrderPlaced("item", "order", "alice", 1, At), 1, Metadata);
        ItemEventSerializer.ToEventData(new OrderPlaced("item", "order", "bob", 2, At), 1, Metadata).EventId.ShouldNotBe(placed.EventId);
    }

    [Fact]
    public void an_event_decided_again_looks_alike_but_its_metadata_gives_it_a_new_id()
    {
        var restock = new ItemRestocked("item", 1, "found a box", At);
        var again = ItemEventSerializer.SerializeMetadata(new EventMetadata("correlation-2", "causation", "operator", At));
        var later = ItemEventSerializer.SerializeMetadata(new EventMetadata("correlation", "causation", "operator", At.AddTicks(1)));

        var first = ItemEventSerializer.ToEventData(restock, 3, Metadata).EventId;

        ItemEventSerializer.ToEventData(restock, 3, again).EventId.ShouldNotBe(first);
        ItemEventSerializer.ToEventData(restock, 3, later).EventId.ShouldNotBe(first);
    }

    [Fact]
    public void every_part_of_what_is_sent_is_in_the_id()
    {
        var data = "{\"quantity\":1}"u8.ToArray();
        var id = EventIds.Of("item-a", 3, "V1.StockAdded", data, Metadata);

        EventIds.Of("item-b", 3, "V1.StockAdded", data, Metadata).ShouldNotBe(id, "stream");
        EventIds.Of("item-a", 4, "V1.StockAdded", data, Metadata).ShouldNotBe(id, "revision");
        EventIds.Of("item-a", 3, "V1.StockAddee", data, Metadata).ShouldNotBe(id, "type");
        EventIds.Of("item-a", 3, "V1.StockAdded", "{\"quantity\":2}"u8, Metadata).ShouldNotBe(id, "data");
        EventIds.Of("item-a", 3, "V1.StockAdded", data, [.. Metadata[..^1], (byte)' ']).ShouldNotBe(id, "metadata");
        // Length prefixes: moving a byte from the data into the metadata is another content.
        EventIds.Of("item-a", 3, "V1.StockAdded", data[..^1], [data[^1], .. Metadata]).ShouldNotBe(id, "field boundaries");
        EventIds.Of("item-a", 3, "V1.StockAdded", data, Metadata).ShouldBe(id);
    }

    [Fact]
    public void ids_are_name_based_uuids_of_version_8()
    {
        var id = EventIds.Of("item-a", 0, "V1.SaleItemListed", "{}"u8, "{}"u8).ToString();

        id[14].ShouldBe('8');
        "89ab".ShouldContain(id[19]);
    }

    [Fact]
    public void a_stream_name_longer_than_the_stack_buffer_hashes_like_any_other()
    {
        var stream = ItemStreams.For(new string('é', 400));

        EventIds.Of(stream, 0, "V1.SaleItemListed", "{}"u8, "{}"u8).ShouldBe(EventIds.Of(stream, 0, "V1.SaleItemListed", "{}"u8, "{}"u8));
        EventIds.Of(stream, 0, "V1.SaleItemListed", "{}"u8, "{}"u8).ShouldNotBe(EventIds.Of(stream + "x", 0, "V1.SaleItemListed", "{}"u8, "{}"u8));
    }

    private static SaleItemListed Listing(int stock) => new("item", "Sneaker", stock, 1, null, null, 600, At);

    private static RecordedEvent Recorded(EventData sent, long revision) =>
        new(ItemStreams.For("item"), revision, LogPosition.At(9), sent.EventId, sent.Type, sent.Data.ToArray(), sent.Metadata.ToArray(), At);
}

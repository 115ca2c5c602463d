using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Handling;

namespace FlashSale.Subscriptions.Tests.Following;

/// <summary>The followers sharing a decode (payments, the pending reservations projection) decode its metadata once (ADR 0029).</summary>
public sealed class ReceivedMetadataTests
{
    [Fact]
    public void a_received_event_decodes_its_metadata_once_for_every_reader()
    {
        var received = ReceivedEvent.Decode(Recorded(new EventMetadata("corr-1", "cause-1", "alice", DateTimeOffset.UnixEpoch)));

        var first = received.Metadata;

        first!.CorrelationId.ShouldBe("corr-1");
        received.Metadata.ShouldBeSameAs(first);
        received.ReadMetadata().ShouldBeSameAs(first);
    }

    [Fact]
    public void unreadable_metadata_is_null_on_every_read_and_does_not_change_the_events_equality()
    {
        var recorded = Recorded(null) with { Metadata = "{not json"u8.ToArray() };
        var (read, unread) = (ReceivedEvent.Decode(recorded), ReceivedEvent.Decode(recorded));

        read.Metadata.ShouldBeNull();
        read.Metadata.ShouldBeNull();
        read.ShouldBe(unread);
        read.GetHashCode().ShouldBe(unread.GetHashCode());
    }

    private static RecordedEvent Recorded(EventMetadata? metadata)
    {
        var (type, data) = ItemEventSerializer.Serialize(new StockReserved("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch));
        return new RecordedEvent("item-sku-1", 1, LogPosition.At(3), Guid.NewGuid(), type, data,
            metadata is null ? ReadOnlyMemory<byte>.Empty : ItemEventSerializer.SerializeMetadata(metadata), DateTimeOffset.UnixEpoch);
    }
}

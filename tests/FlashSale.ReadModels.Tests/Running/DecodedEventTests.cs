using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.ReadModels.Running;
using FlashSale.Subscriptions.Handling;

namespace FlashSale.ReadModels.Tests.Running;

public sealed class DecodedEventTests
{
    [Fact]
    public void a_projected_event_from_a_followers_decode_reads_the_metadata_the_follower_decoded()
    {
        var (type, data) = ItemEventSerializer.Serialize(new StockReserved("sku-1", "order-1", "alice", 1, DateTimeOffset.UnixEpoch));
        var recorded = new RecordedEvent("item-sku-1", 1, LogPosition.At(3), Guid.NewGuid(), type, data,
            ItemEventSerializer.SerializeMetadata(new EventMetadata("corr-1", "cause-1", "alice", DateTimeOffset.UnixEpoch)), DateTimeOffset.UnixEpoch);
        var received = ReceivedEvent.Decode(recorded);

        var projected = DecodedEvent.From(received).Event!;

        projected.CorrelationId.ShouldBe("corr-1");
        projected.CorrelationId.ShouldBeSameAs(received.Metadata!.CorrelationId, "one decode of the metadata between them");
        projected.ShouldBe(DecodedEvent.Decode(recorded).Event, "where the metadata comes from is not part of the event");
    }
}

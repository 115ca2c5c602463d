using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>An item listed earlier, while its sale window still lay ahead, written to the log as the write side wrote it
/// then: the API refuses to list a window that has already ended, so a sale that is over can only be one listed before.</summary>
public static class EarlierListings
{
    public static async Task AppendAsync(IEventStore store, string itemId, DateTimeOffset saleStartsAt, DateTimeOffset saleEndsAt, int stock = 5)
    {
        var listedAt = saleStartsAt.AddDays(-1);
        var listed = new SaleItemListed(itemId, "Timed deal", stock, 1, saleStartsAt, saleEndsAt, 600, listedAt);
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata("earlier-listing", "earlier-listing", "operator", listedAt));
        (await store.AppendAsync(ItemStreams.For(itemId), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listed, 0, metadata)]))
            .ShouldBeOfType<AppendResult.Success>();
    }
}

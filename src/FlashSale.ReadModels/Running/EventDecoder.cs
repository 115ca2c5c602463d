using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Projections;

namespace FlashSale.ReadModels.Running;

public static class EventDecoder
{
    /// <summary>The event as projections see it, or null for a type this version does not know (skipped, like the
    /// domain does). Throws when a known type cannot be read: the caller records that as a poison event.</summary>
    public static ProjectedEvent? Decode(RecordedEvent recorded) =>
        ItemEventSerializer.Deserialize(recorded) is { } @event ? Project(@event, recorded) : null;

    /// <param name="decodedMetadata">Where the event's metadata is held decoded already (<see cref="ProjectedEvent.DecodedMetadata"/>).</param>
    public static ProjectedEvent Project(ItemEvent @event, RecordedEvent recorded, Func<EventMetadata?>? decodedMetadata = null) =>
        new(@event, recorded.StreamId, recorded.StreamRevision, recorded.Position, recorded.Created, recorded) { DecodedMetadata = decodedMetadata };
}

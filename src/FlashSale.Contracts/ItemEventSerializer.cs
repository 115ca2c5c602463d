using System.Text.Json;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Contracts;

public static class ItemEventSerializer
{
    public static byte[] SerializeMetadata(EventMetadata metadata) =>
        JsonSerializer.SerializeToUtf8Bytes(metadata, StoredEventJson.Default.EventMetadata);

    /// <summary>The event as appended at <paramref name="streamRevision"/> of its item's stream, with an id over its content.</summary>
    public static EventData ToEventData(ItemEvent @event, long streamRevision, ReadOnlyMemory<byte> metadata) =>
        ToEventData(ItemStreams.For(@event.ItemId), @event, streamRevision, metadata);

    public static EventData ToEventData(string streamId, ItemEvent @event, long streamRevision, ReadOnlyMemory<byte> metadata)
    {
        var type = ItemEventTypes.NameOf(@event);
        var data = JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), StoredEventJson.Default);
        return new EventData(EventIds.Of(streamId, streamRevision, type, data, metadata.Span), type, data, metadata);
    }

    /// <summary>The domain event, or null for an event type this version does not know (kept in the log, skipped here).</summary>
    public static ItemEvent? Deserialize(RecordedEvent recorded) =>
        ItemEventTypes.TypeOf(recorded.Type) is { } type
            ? (ItemEvent?)JsonSerializer.Deserialize(recorded.Data.Span, type, StoredEventJson.Default)
            : null;

    public static EventMetadata? DeserializeMetadata(RecordedEvent recorded) =>
        recorded.Metadata.IsEmpty ? null : JsonSerializer.Deserialize(recorded.Metadata.Span, StoredEventJson.Default.EventMetadata);
}

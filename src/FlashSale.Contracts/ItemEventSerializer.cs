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
        var (type, data) = Serialize(@event);
        return ToEventData(streamId, type, data, streamRevision, metadata);
    }

    /// <summary>The event's stored type name and JSON, for an <see cref="EventData"/> made once its metadata is known.</summary>
    public static (string Type, byte[] Data) Serialize(ItemEvent @event) =>
        (ItemEventTypes.NameOf(@event), JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), StoredEventJson.Default));

    public static EventData ToEventData(string streamId, string type, byte[] data, long streamRevision, ReadOnlyMemory<byte> metadata) =>
        new(EventIds.Of(streamId, streamRevision, type, data, metadata.Span), type, data, metadata);

    /// <summary>The domain event, or null for an event type this version does not know (kept in the log, skipped here).</summary>
    public static ItemEvent? Deserialize(RecordedEvent recorded) =>
        ItemEventTypes.TypeOf(recorded.Type) is { } type
            ? (ItemEvent?)JsonSerializer.Deserialize(recorded.Data.Span, type, StoredEventJson.Default)
            : null;

    public static EventMetadata? DeserializeMetadata(RecordedEvent recorded) =>
        recorded.Metadata.IsEmpty ? null : JsonSerializer.Deserialize(recorded.Metadata.Span, StoredEventJson.Default.EventMetadata);

    /// <summary>The revision whose position answers this event's command (<see cref="EventMetadata.AppendEnd"/>): a later
    /// event of the same append, or the event's own revision. Metadata that cannot be read names none.</summary>
    public static long AppendEndOf(RecordedEvent recorded)
    {
        // A fold asks this of every event; most name no append end, so they are not parsed.
        if (recorded.Metadata.Span.IndexOf("\"appendEnd\""u8) < 0) return recorded.StreamRevision;
        try
        {
            return DeserializeMetadata(recorded)?.AppendEnd is { } end && end > recorded.StreamRevision ? end : recorded.StreamRevision;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            return recorded.StreamRevision;
        }
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Contracts;

public static class ItemEventSerializer
{
    public static byte[] SerializeMetadata(EventMetadata metadata) =>
        JsonSerializer.SerializeToUtf8Bytes(metadata, StoredEventJson.Default.EventMetadata);

    [ThreadStatic] private static ArrayBufferWriter<byte>? _metadataBuffer;
    [ThreadStatic] private static Utf8JsonWriter? _metadataWriter;

    /// <summary>The bytes <see cref="SerializeMetadata(EventMetadata)"/> gives for these fields (and <paramref name="appendEnd"/>),
    /// written without an <see cref="EventMetadata"/> (the writer makes one per command; a test holds the two byte for byte).</summary>
    public static byte[] SerializeMetadata(string correlationId, string causationId, string actor, DateTimeOffset timestamp, long? appendEnd = null)
    {
        var written = WriteMetadata(correlationId, causationId, actor, timestamp);
        return appendEnd is { } end ? WithAppendEnd(written, end) : written.ToArray();
    }

    /// <summary>How many bytes <see cref="SerializeMetadata(string, string, string, DateTimeOffset, long?)"/> gives without an append end.</summary>
    public static int MetadataLength(string correlationId, string causationId, string actor, DateTimeOffset timestamp) =>
        WriteMetadata(correlationId, causationId, actor, timestamp).Length;

    /// <returns>The bytes in this thread's buffer, valid until its next call.</returns>
    private static ReadOnlySpan<byte> WriteMetadata(string correlationId, string causationId, string actor, DateTimeOffset timestamp)
    {
        var buffer = _metadataBuffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = _metadataWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString(MetadataNames.CorrelationId, correlationId);
        writer.WriteString(MetadataNames.CausationId, causationId);
        writer.WriteString(MetadataNames.Actor, actor);
        writer.WriteString(MetadataNames.Timestamp, timestamp);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>Metadata serialized without an append end, with <paramref name="appendEnd"/> added as its last field: the
    /// bytes of the same metadata serialized with <see cref="EventMetadata.AppendEnd"/> set, without serializing it again.</summary>
    public static byte[] WithAppendEnd(ReadOnlySpan<byte> metadata, long appendEnd)
    {
        if (metadata.Length < 2 || metadata[^1] != (byte)'}') throw new ArgumentException("Not serialized metadata.", nameof(metadata));
        Span<byte> number = stackalloc byte[20];
        Utf8Formatter.TryFormat(appendEnd, number, out var digits);
        var field = ",\"appendEnd\":"u8;
        var bytes = new byte[metadata.Length + field.Length + digits];
        metadata[..^1].CopyTo(bytes);
        field.CopyTo(bytes.AsSpan(metadata.Length - 1));
        number[..digits].CopyTo(bytes.AsSpan(metadata.Length - 1 + field.Length));
        bytes[^1] = (byte)'}';
        return bytes;
    }

    private static class MetadataNames
    {
        public static readonly JsonEncodedText CorrelationId = JsonEncodedText.Encode("correlationId");
        public static readonly JsonEncodedText CausationId = JsonEncodedText.Encode("causationId");
        public static readonly JsonEncodedText Actor = JsonEncodedText.Encode("actor");
        public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    }

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

    /// <param name="unchanging">The caller never changes <paramref name="data"/> and <paramref name="metadata"/> again
    /// (<see cref="EventData.Unchanging"/>).</param>
    public static EventData ToEventData(string streamId, string type, byte[] data, long streamRevision, ReadOnlyMemory<byte> metadata,
        bool unchanging = false) =>
        new(EventIds.Of(streamId, streamRevision, type, data, metadata.Span), type, data, metadata) { Unchanging = unchanging };

    /// <summary>The domain event, or null for an event type this version does not know (kept in the log, skipped here).</summary>
    /// <remarks>The events of every order are read without the serializer when their JSON is in its own form
    /// (<see cref="StoredEventReader"/>); the result is the serializer's in every case.</remarks>
    public static ItemEvent? Deserialize(RecordedEvent recorded) =>
        ItemEventTypes.TypeOf(recorded.Type) is { } type
            ? StoredEventReader.TryRead(type, recorded.Data.Span, out var read)
                ? read
                : (ItemEvent?)JsonSerializer.Deserialize(recorded.Data.Span, type, StoredEventJson.Default)
            : null;

    public static EventMetadata? DeserializeMetadata(RecordedEvent recorded) =>
        recorded.Metadata.IsEmpty ? null
        : StoredEventReader.TryReadMetadata(recorded.Metadata.Span, out var read) ? read
        : JsonSerializer.Deserialize(recorded.Metadata.Span, StoredEventJson.Default.EventMetadata);

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

using FlashSale.Contracts;
using System.Text.Json;
using FlashSale.EventStore;

namespace FlashSale.ReadModels.Audit;

/// <summary>One event exactly as the log holds it, for auditors: where, what, and who/why (metadata).</summary>
public sealed record AuditEntry(
    string Position,
    string StreamId,
    long Revision,
    string Type,
    Guid EventId,
    DateTimeOffset Recorded,
    JsonElement Data,
    EventMetadata? Metadata)
{
    public static AuditEntry From(RecordedEvent recorded) => new(recorded.Position.ToToken(), recorded.StreamId, recorded.StreamRevision,
        recorded.Type, recorded.EventId, recorded.Created, ParseData(recorded.Data), SafeMetadata(recorded));

    private static JsonElement ParseData(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Unreadable data is still part of the record: show it as a string rather than hide the event.
            return JsonSerializer.SerializeToElement(System.Text.Encoding.UTF8.GetString(data.Span));
        }
    }

    private static EventMetadata? SafeMetadata(RecordedEvent recorded)
    {
        try
        {
            return ItemEventSerializer.DeserializeMetadata(recorded);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Projections;

/// <summary>A domain event with where and when the log recorded it: everything a projection may look at.</summary>
/// <param name="Source">The recorded event, for the few projections that read its metadata (<see cref="CorrelationId"/>).</param>
public sealed record ProjectedEvent(ItemEvent Event, string StreamId, long StreamRevision, LogPosition Position, DateTimeOffset Recorded,
    RecordedEvent? Source = null)
{
    /// <summary>The correlation id of the event's metadata, decoded on each call; null when it has none or it cannot be read.</summary>
    public string? CorrelationId
    {
        get
        {
            if (Source is null) return null;
            try
            {
                return ItemEventSerializer.DeserializeMetadata(Source)?.CorrelationId;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
            {
                return null; // as the payments worker reads it: unreadable metadata only costs the correlation id
            }
        }
    }
}

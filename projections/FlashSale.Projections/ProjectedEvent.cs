using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Projections;

/// <summary>A domain event with where and when the log recorded it: everything a projection may look at.</summary>
/// <param name="Source">The recorded event, for the few projections that read its metadata (<see cref="CorrelationId"/>).</param>
public sealed record ProjectedEvent(ItemEvent Event, string StreamId, long StreamRevision, LogPosition Position, DateTimeOffset Recorded,
    RecordedEvent? Source = null)
{
    private string? _positionToken;

    /// <summary><see cref="Position"/> as its token, made once for the projections that apply the event (every one of them
    /// stores it in its row). Not part of the event's equality.</summary>
    public string PositionToken => _positionToken ??= Position.ToToken();

    /// <summary>Where the metadata of <see cref="Source"/> is already held decoded (a follower's shared decode, ADR 0029);
    /// null to decode it from <see cref="Source"/> on each read. Not part of the event's equality.</summary>
    public Func<EventMetadata?>? DecodedMetadata { get; init; }

    /// <summary>The correlation id of the event's metadata; null when it has none or it cannot be read.</summary>
    public string? CorrelationId
    {
        get
        {
            if (DecodedMetadata is { } decoded) return decoded()?.CorrelationId;
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

    public bool Equals(ProjectedEvent? other) =>
        other is not null && Event == other.Event && StreamId == other.StreamId && StreamRevision == other.StreamRevision
        && Position == other.Position && Recorded == other.Recorded && Source == other.Source;

    public override int GetHashCode() => HashCode.Combine(Event, StreamId, StreamRevision, Position, Recorded, Source);
}

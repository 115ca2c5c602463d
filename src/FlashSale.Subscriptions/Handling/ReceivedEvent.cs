using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Handling;

/// <summary>A recorded event as a follower hands it over, decoded once: the domain event, nothing (a type this version
/// does not know, or one the follower was told not to decode), or why it could not be read (a poison event).</summary>
public sealed record ReceivedEvent(RecordedEvent Recorded, ItemEvent? Event, string? Error)
{
    public bool IsPoison => Error is not null;

    public LogPosition Position => Recorded.Position;

    private static readonly object NotDecoded = new();

    // The followers of one store share this instance (SharedDecodes): the payments worker and the pending reservations
    // projection both read a reservation's correlation id, and decode it once between them (ADR 0029).
    private object? _metadata = NotDecoded;

    /// <summary>The metadata it was stored with (correlation id, cause, actor), decoded on first use, only by the handlers
    /// that want it; null when it has none or it cannot be read.</summary>
    public EventMetadata? Metadata
    {
        get
        {
            var metadata = Volatile.Read(ref _metadata);
            if (!ReferenceEquals(metadata, NotDecoded)) return (EventMetadata?)metadata;
            var decoded = MetadataOf(Recorded);
            Volatile.Write(ref _metadata, decoded); // two first readers at once each decode it: the same value
            return decoded;
        }
    }

    /// <summary><see cref="Metadata"/>, as a delegate for a projected event to read when it needs it.</summary>
    public EventMetadata? ReadMetadata() => Metadata;

    /// <summary>The event, its decoding and the error; whether the metadata was decoded yet does not count.</summary>
    public bool Equals(ReceivedEvent? other) =>
        other is not null && Recorded == other.Recorded && Equals(Event, other.Event) && Error == other.Error;

    public override int GetHashCode() => HashCode.Combine(Recorded, Event, Error);

    public static EventMetadata? MetadataOf(RecordedEvent recorded)
    {
        try
        {
            return ItemEventSerializer.DeserializeMetadata(recorded);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return null; // unreadable metadata only costs a log line its correlation id
        }
    }

    public static ReceivedEvent Decode(RecordedEvent recorded)
    {
        try
        {
            return new ReceivedEvent(recorded, ItemEventSerializer.Deserialize(recorded), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ReceivedEvent(recorded, null, ex.Message);
        }
    }

    /// <summary>Decodes only the types in <paramref name="types"/> (all when null); others arrive without an event.</summary>
    public static ReceivedEvent Decode(RecordedEvent recorded, IReadOnlySet<string>? types) =>
        types is null || types.Contains(recorded.Type) ? Decode(recorded) : new ReceivedEvent(recorded, null, null);
}

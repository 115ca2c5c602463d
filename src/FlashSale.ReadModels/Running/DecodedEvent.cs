using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.Subscriptions.Handling;

namespace FlashSale.ReadModels.Running;

/// <summary>A recorded event with its decoding: the projected event, nothing (a type this version does not know), or
/// why it could not be read (a poison event every projection records).</summary>
public sealed record DecodedEvent(RecordedEvent Recorded, ProjectedEvent? Event, string? Error)
{
    public static DecodedEvent Decode(RecordedEvent recorded) => From(ReceivedEvent.Decode(recorded));

    /// <summary>An event a follower already decoded, as projections see it (no second decode).</summary>
    public static DecodedEvent From(ReceivedEvent received) =>
        new(received.Recorded,
            received.Event is { } @event ? EventDecoder.Project(@event, received.Recorded, received.ReadMetadata) : null,
            received.Error);

    public static List<DecodedEvent> DecodeAll(IReadOnlyList<RecordedEvent> batch)
    {
        var decoded = new List<DecodedEvent>(batch.Count);
        foreach (var recorded in batch) decoded.Add(Decode(recorded));
        return decoded;
    }

    public static List<DecodedEvent> FromAll(IReadOnlyList<ReceivedEvent> batch)
    {
        var decoded = new List<DecodedEvent>(batch.Count);
        foreach (var received in batch) decoded.Add(From(received));
        return decoded;
    }
}

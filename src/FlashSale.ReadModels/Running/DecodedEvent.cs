using FlashSale.EventStore;
using FlashSale.Projections;

namespace FlashSale.ReadModels.Running;

/// <summary>A recorded event with its decoding: the projected event, nothing (a type this version does not know), or
/// why it could not be read (a poison event every projection records).</summary>
public sealed record DecodedEvent(RecordedEvent Recorded, ProjectedEvent? Event, string? Error)
{
    public static DecodedEvent Decode(RecordedEvent recorded)
    {
        try
        {
            return new DecodedEvent(recorded, EventDecoder.Decode(recorded), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DecodedEvent(recorded, null, ex.Message);
        }
    }

    public static List<DecodedEvent> DecodeAll(IReadOnlyList<RecordedEvent> batch)
    {
        var decoded = new List<DecodedEvent>(batch.Count);
        foreach (var recorded in batch) decoded.Add(Decode(recorded));
        return decoded;
    }
}

using System.Text.Json.Serialization;

namespace FlashSale.Contracts;

/// <summary>Stored with every event: who asked, in answer to what, as part of which conversation, and when.</summary>
/// <param name="AppendEnd">The stream revision of the last event appended together with this one, when that is a later
/// event and the store answers an append with its last position only (EventStoreDB): the command path answered this
/// event's command with that event's position, so a fold of the stream answers repeats the same (ADR 0023). Absent
/// otherwise, and in events written before it existed: the event's own position.</param>
public sealed record EventMetadata(string CorrelationId, string CausationId, string Actor, DateTimeOffset Timestamp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? AppendEnd = null);

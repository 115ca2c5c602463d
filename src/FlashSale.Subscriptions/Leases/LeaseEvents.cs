using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Leases;

/// <summary>
/// The events of a role's lease stream (<c>lease-{role}</c>). The names are outside the <c>item-</c> prefix, so the log's
/// followers (projections, order index, payments) never see them.
/// </summary>
public static class LeaseEvents
{
    public const string Acquired = "V1.LeaseAcquired";
    public const string Renewed = "V1.LeaseRenewed";

    /// <summary>Given up on a graceful stop: expires at once, so a standby takes over without waiting.</summary>
    public const string Released = "V1.LeaseReleased";

    public static string StreamOf(string role) => $"lease-{role}";

    public static EventData ToEventData(string type, LeaseTerm term) =>
        new(Guid.NewGuid(), type, JsonSerializer.SerializeToUtf8Bytes(term, LeaseJson.Default.LeaseTerm), ReadOnlyMemory<byte>.Empty);

    public static LeaseTerm? Read(RecordedEvent recorded) =>
        recorded.Type is Acquired or Renewed or Released
            ? JsonSerializer.Deserialize(recorded.Data.Span, LeaseJson.Default.LeaseTerm)
            : null;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LeaseTerm))]
internal sealed partial class LeaseJson : JsonSerializerContext;

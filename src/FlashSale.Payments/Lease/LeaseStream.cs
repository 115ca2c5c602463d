using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.EventStore;

namespace FlashSale.Payments.Lease;

/// <summary>Who holds the lease and until when, as each lease event records it.</summary>
public sealed record LeaseTerm(string Holder, DateTimeOffset ExpiresAt);

/// <summary>
/// The payments processor's lease, kept in its own stream. The name is outside the <c>item-</c> prefix, so the log's
/// followers (projections, order index, payments) never see it.
/// </summary>
public static class LeaseStream
{
    public const string Name = "lease-payments";
    public const string Acquired = "V1.LeaseAcquired";
    public const string Renewed = "V1.LeaseRenewed";

    /// <summary>Given up on a graceful stop: expires at once, so a standby takes over without waiting.</summary>
    public const string Released = "V1.LeaseReleased";

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

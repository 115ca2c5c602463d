using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath.Snapshots;

/// <summary>The listed item's fields other than its maps.</summary>
internal sealed record SnapshotHeader(string ItemId, string Name, int PerUserLimit, DateTimeOffset? SaleStartsAt, DateTimeOffset? SaleEndsAt,
    int PaymentWindowSeconds, int InitialStock, int Restocked, int Available, DateTimeOffset? EarliestDeadline);

/// <summary>One order id: its record (null for settlement events of an order the item never saw), its closed-sale
/// rejection, and where the writer saw its outcomes recorded (position tokens).</summary>
internal sealed record OrderEntry(OrderRecord? Order, SaleClosed? Closed, string? Placement, string? Settlement, string? Discard, string? Retry);

internal sealed record HoldingEntry(int Held);

internal sealed record RestockEntry(RestockRecord? Restock, string? Position);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SnapshotHeader))]
[JsonSerializable(typeof(OrderEntry))]
[JsonSerializable(typeof(HoldingEntry))]
[JsonSerializable(typeof(RestockEntry))]
internal sealed partial class SnapshotJson : JsonSerializerContext;

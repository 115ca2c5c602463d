using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.Domain.Items;

namespace FlashSale.Contracts;

/// <summary>
/// The one map from event classes to stable storage names. Renaming a class must never change a name here:
/// stored streams are read by these names forever.
/// </summary>
public static class ItemEventTypes
{
    private static readonly (Type Type, string Name)[] Map =
    [
        (typeof(SaleItemListed), "V1.SaleItemListed"),
        (typeof(ItemRestocked), "V1.StockAdded"),
        (typeof(OrderPlaced), "V1.OrderPlaced"),
        (typeof(StockReserved), "V1.StockReserved"),
        (typeof(OrderRejected), "V1.OrderRejected"),
        (typeof(PaymentConfirmed), "V1.PaymentConfirmed"),
        (typeof(PaymentTimedOut), "V1.PaymentTimedOut"),
        (typeof(StockReleased), "V1.StockReleased"),
        (typeof(DeadLetterRetried), "V1.DeadLetterRetried"),
        (typeof(DeadLetterRetryFailed), "V1.DeadLetterRetryFailed"),
        (typeof(DeadLetterDiscarded), "V1.DeadLetterDiscarded"),
        (typeof(ChargeStarted), "V1.ChargeStarted"),
        (typeof(RefundRequired), "V1.RefundRequired"),
        (typeof(UnreadableEventSkipped), "V1.UnreadableEventSkipped"),
    ];

    private static readonly Dictionary<Type, string> NamesByType = Map.ToDictionary(m => m.Type, m => m.Name);
    private static readonly Dictionary<string, Type> TypesByName = Map.ToDictionary(m => m.Name, m => m.Type, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => TypesByName.Keys;

    public static string NameOf(ItemEvent @event) => NameOf(@event.GetType());

    public static string NameOf<TEvent>() where TEvent : ItemEvent => NameOf(typeof(TEvent));

    private static string NameOf(Type type) =>
        NamesByType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"{type.Name} has no storage name in {nameof(ItemEventTypes)}.");

    public static Type? TypeOf(string name) => TypesByName.GetValueOrDefault(name);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SaleItemListed))]
[JsonSerializable(typeof(ItemRestocked))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(StockReserved))]
[JsonSerializable(typeof(OrderRejected))]
[JsonSerializable(typeof(PaymentConfirmed))]
[JsonSerializable(typeof(PaymentTimedOut))]
[JsonSerializable(typeof(StockReleased))]
[JsonSerializable(typeof(DeadLetterRetried))]
[JsonSerializable(typeof(DeadLetterRetryFailed))]
[JsonSerializable(typeof(DeadLetterDiscarded))]
[JsonSerializable(typeof(ChargeStarted))]
[JsonSerializable(typeof(RefundRequired))]
[JsonSerializable(typeof(UnreadableEventSkipped))]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class StoredEventJson : JsonSerializerContext;

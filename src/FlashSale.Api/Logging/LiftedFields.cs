using System.Text.Json;
using FlashSale.EventStore.Logging;

namespace FlashSale.Api.Logging;

/// <summary>The <see cref="LogFields"/> of one line, taken from its scopes (outermost first) and then its own values, so
/// the nearest one wins. A message template may spell them as C# does (<c>{OrderId}</c>) or as the field (<c>{order_id}</c>).</summary>
internal sealed class LiftedFields
{
    private object? _correlationId;
    private object? _itemId;
    private object? _orderId;
    private object? _processingTimeMs;

    public string? Event { get; private set; }

    public void Take(object? values)
    {
        if (values is not IEnumerable<KeyValuePair<string, object?>> pairs) return;
        foreach (var (key, value) in pairs)
        {
            if (value is null) continue;
            switch (key)
            {
                case LogFields.CorrelationId or "CorrelationId": _correlationId = value; break;
                case LogFields.ItemId or "ItemId": _itemId = value; break;
                case LogFields.OrderId or "OrderId": _orderId = value; break;
                case LogFields.ProcessingTimeMs or "ProcessingTimeMs": _processingTimeMs = value; break;
                case LogFields.Event: Event = value.ToString(); break;
            }
        }
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_correlationId is not null) JsonLogValues.Write(writer, LogFields.CorrelationId, _correlationId);
        if (_itemId is not null) JsonLogValues.Write(writer, LogFields.ItemId, _itemId);
        if (_orderId is not null) JsonLogValues.Write(writer, LogFields.OrderId, _orderId);
        if (_processingTimeMs is not null) JsonLogValues.Write(writer, LogFields.ProcessingTimeMs, _processingTimeMs);
    }
}

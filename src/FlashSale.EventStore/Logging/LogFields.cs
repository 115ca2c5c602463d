using System.Collections;

namespace FlashSale.EventStore.Logging;

/// <summary>The fields a JSON log line carries at its top level, when its scopes or its message's values name them.</summary>
public static class LogFields
{
    public const string Service = "service";
    public const string Event = "event";
    public const string CorrelationId = "correlation_id";
    public const string ItemId = "item_id";
    public const string OrderId = "order_id";
    public const string ProcessingTimeMs = "processing_time_ms";
}

/// <summary>
/// A log scope (<c>logger.BeginScope(...)</c>) over work done for one conversation and, where it applies, one order: every
/// line written inside it carries these fields. Fields without a value are left out.
/// </summary>
public sealed class LogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields;

    private LogScope(KeyValuePair<string, object?>[] fields) => _fields = fields;

    public static LogScope Of(params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var present = new List<KeyValuePair<string, object?>>(fields.Length);
        foreach (var (name, value) in fields)
            if (value is not null) present.Add(new(name, value));
        return new LogScope([.. present]);
    }

    public static LogScope ForOrder(string? correlationId, string? itemId, string? orderId) =>
        Of((LogFields.CorrelationId, correlationId), (LogFields.ItemId, itemId), (LogFields.OrderId, orderId));

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", _fields.Select(f => $"{f.Key}={f.Value}"));
}

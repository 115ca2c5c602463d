using FlashSale.Contracts;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlashSale.EventStore;

namespace FlashSale.ReadModels.Audit;

public enum ExportFormat
{
    Jsonl,
    Csv,
}

/// <summary>Writes events of an item, an order or the whole log as JSON lines or CSV (one event per line/row).</summary>
public sealed class LogExport(IEventStore events, AuditTrail trail, OrderLocator orders)
{
    /// <summary>The one set of options of a JSON line, data and metadata alike: the event's data is written through it
    /// too (not copied as stored), so a text is escaped the same way wherever it appears.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private const string CsvHeader = "position,stream_id,revision,type,event_id,recorded,correlation_id,causation_id,actor,timestamp,data";

    /// <returns>How many events were written; null when the order is unknown.</returns>
    public async Task<long?> ExportAsync(ExportScope scope, ExportFormat format, TextWriter output, CancellationToken cancellationToken = default)
    {
        IAsyncEnumerable<RecordedEvent> source;
        switch (scope)
        {
            case { OrderId: { } orderId }:
                if (await orders.ItemOfAsync(orderId, scope.ItemId, cancellationToken) is not { } itemId) return null;
                source = (await trail.OrderEventsAsync(itemId, orderId, cancellationToken)).ToAsyncEnumerable();
                break;
            case { ItemId: { } item }:
                source = events.ReadStreamAsync(ItemStreams.For(item), 0, int.MaxValue, cancellationToken);
                break;
            default:
                source = events.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter, cancellationToken);
                break;
        }
        if (format == ExportFormat.Csv) await output.WriteLineAsync(CsvHeader);
        long count = 0;
        await foreach (var recorded in source)
        {
            var entry = AuditEntry.From(recorded);
            await output.WriteLineAsync(format == ExportFormat.Csv ? CsvLine(entry) : JsonSerializer.Serialize(entry, JsonOptions));
            count++;
        }
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static string CsvLine(AuditEntry e)
    {
        var fields = new[]
        {
            e.Position, e.StreamId, e.Revision.ToString(CultureInfo.InvariantCulture), e.Type, e.EventId.ToString(),
            e.Recorded.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.Metadata?.CorrelationId, e.Metadata?.CausationId,
            e.Metadata?.Actor, e.Metadata?.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.Data.GetRawText(),
        };
        return string.Join(',', fields.Select(Quote));
    }

    private static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        // A spreadsheet runs a cell that starts like a formula; callers choose correlation ids and actors, so such a
        // cell is written as text (OWASP's CSV injection advice: a leading apostrophe, inside quotes).
        if (field[0] is '=' or '+' or '-' or '@' or '\t' or '\r') field = "'" + field;
        else if (field.IndexOfAny([',', '"', '\n', '\r']) < 0) return field;
        return new StringBuilder(field.Length + 2).Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}

/// <summary>What to export: one order (on <see cref="ItemId"/> when both are given, which an order id on several items
/// needs), one item, or (both null) the whole log.</summary>
public sealed record ExportScope(string? ItemId = null, string? OrderId = null);

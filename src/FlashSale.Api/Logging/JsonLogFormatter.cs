using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FlashSale.Api.Logging;

/// <summary>
/// One JSON object per line, with the members of .NET's JSON console formatter (Timestamp, EventId, LogLevel, Category,
/// Message, Exception, State, Scopes) and, at the top level, <c>service</c> on every line, <c>event</c> on the system's
/// own lines, and the <see cref="LogFields"/> that the line's values or scopes name (the innermost wins), so a shipper
/// or a <c>jq</c> filter needs no knowledge of scopes.
/// </summary>
internal sealed class JsonLogFormatter(string service) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "flashsale-json";

    private const string OwnCategories = "FlashSale.";
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;
        var fields = new LiftedFields();
        scopeProvider?.ForEachScope(static (scope, lifted) => lifted.Take(scope), fields);
        fields.Take(logEntry.State);
        var eventName = logEntry.Category.StartsWith(OwnCategories, StringComparison.Ordinal) && !string.IsNullOrEmpty(logEntry.EventId.Name)
            ? logEntry.EventId.Name
            : fields.Event;

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteNumber("EventId", logEntry.EventId.Id);
            writer.WriteString("LogLevel", logEntry.LogLevel.ToString());
            writer.WriteString("Category", logEntry.Category);
            writer.WriteString("Message", message);
            writer.WriteString(LogFields.Service, service);
            if (eventName is not null) writer.WriteString(LogFields.Event, eventName);
            fields.WriteTo(writer);
            if (logEntry.Exception is { } exception) writer.WriteString("Exception", exception.ToString());
            if (logEntry.State is IReadOnlyCollection<KeyValuePair<string, object?>> state)
            {
                writer.WriteStartObject("State");
                writer.WriteString("Message", logEntry.State.ToString());
                foreach (var (key, value) in state) JsonLogValues.Write(writer, key, value);
                writer.WriteEndObject();
            }
            WriteScopes(writer, scopeProvider);
            writer.WriteEndObject();
        }
        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteScopes(Utf8JsonWriter writer, IExternalScopeProvider? scopeProvider)
    {
        if (scopeProvider is null) return;
        writer.WriteStartArray("Scopes");
        scopeProvider.ForEachScope(static (scope, w) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                w.WriteStartObject();
                w.WriteString("Message", scope.ToString());
                foreach (var (key, value) in values) JsonLogValues.Write(w, key, value);
                w.WriteEndObject();
            }
            else w.WriteStringValue(Convert.ToString(scope, CultureInfo.InvariantCulture));
        }, writer);
        writer.WriteEndArray();
    }
}

using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using FlashSale.EventStore;

namespace FlashSale.Cli.Backup;

/// <summary>
/// One event as one line of JSON, for moving a log between stores: stream, revision, source position, event id, type,
/// data and metadata. Data and metadata are written as their exact stored bytes (raw JSON), so the content-addressed
/// event ids still match them after an import; bytes that are not single-line JSON go as <c>dataBase64</c> /
/// <c>metadataBase64</c> instead.
/// </summary>
public sealed record LogLine(string Stream, long Revision, string? Position, Guid EventId, string Type,
    ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Metadata)
{
    public EventData ToEventData() => new(EventId, Type, Data, Metadata);

    public static void Write(RecordedEvent e, ArrayBufferWriter<byte> buffer)
    {
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteString("stream", e.StreamId);
        json.WriteNumber("revision", e.StreamRevision);
        json.WriteString("position", e.Position.ToToken());
        json.WriteString("eventId", e.EventId);
        json.WriteString("type", e.Type);
        WriteBytes(json, "data", e.Data.Span);
        WriteBytes(json, "metadata", e.Metadata.Span);
        json.WriteString("created", e.Created);
        json.WriteEndObject();
        json.Flush();
        buffer.Write("\n"u8);
    }

    /// <summary>Parses one line; a line that is not an event says which field is wrong.</summary>
    public static LogLine Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
        return new LogLine(
            Required(root, "stream").GetString() is { Length: > 0 } stream ? stream : throw new FormatException("'stream' is empty"),
            Required(root, "revision").GetInt64() is >= 0 and var revision ? revision : throw new FormatException("'revision' is negative"),
            root.TryGetProperty("position", out var position) ? position.GetString() : null,
            Required(root, "eventId").GetGuid(),
            Required(root, "type").GetString() ?? throw new FormatException("'type' is null"),
            ReadBytes(root, "data"),
            ReadBytes(root, "metadata"));
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw new FormatException($"'{name}' is missing");

    private static void WriteBytes(Utf8JsonWriter json, string name, ReadOnlySpan<byte> bytes)
    {
        if (IsSingleLineJson(bytes))
        {
            json.WritePropertyName(name);
            json.WriteRawValue(bytes, skipInputValidation: true);
        }
        else json.WriteBase64String(name + "Base64", bytes);
    }

    private static byte[] ReadBytes(JsonElement root, string name) =>
        root.TryGetProperty(name, out var raw) ? JsonMarshal.GetRawUtf8Value(raw).ToArray()
        : root.TryGetProperty(name + "Base64", out var encoded) ? encoded.GetBytesFromBase64()
        : throw new FormatException($"'{name}' is missing");

    private static bool IsSingleLineJson(ReadOnlySpan<byte> bytes)
    {
        // Read back as the raw slice of a parsed line: it must be valid UTF-8 on one line, without outer whitespace.
        if (bytes.IsEmpty || bytes.IndexOfAny((byte)'\n', (byte)'\r') >= 0 || !System.Text.Unicode.Utf8.IsValid(bytes) ||
            IsWhitespace(bytes[0]) || IsWhitespace(bytes[^1])) return false;
        var reader = new Utf8JsonReader(bytes);
        try
        {
            while (reader.Read()) { }
            return reader.BytesConsumed == bytes.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';
}

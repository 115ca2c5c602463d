using System.Globalization;
using System.Text.Json;

namespace FlashSale.Api.Logging;

/// <summary>A logged value as JSON: numbers and booleans as themselves, lists of strings as arrays, the rest as text.</summary>
internal static class JsonLogValues
{
    public static void Write(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(key); break;
            case string text: writer.WriteString(key, text); break;
            case bool flag: writer.WriteBoolean(key, flag); break;
            case int number: writer.WriteNumber(key, number); break;
            case long number: writer.WriteNumber(key, number); break;
            case double number when double.IsFinite(number): writer.WriteNumber(key, number); break;
            case float number when float.IsFinite(number): writer.WriteNumber(key, number); break;
            case decimal number: writer.WriteNumber(key, number); break;
            case short or ushort or uint or byte or sbyte: writer.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong number: writer.WriteNumber(key, number); break;
            case DateTimeOffset at: writer.WriteString(key, at.ToString("O", CultureInfo.InvariantCulture)); break;
            case IEnumerable<string> texts:
                writer.WriteStartArray(key);
                foreach (var text in texts) writer.WriteStringValue(text);
                writer.WriteEndArray();
                break;
            default: writer.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}

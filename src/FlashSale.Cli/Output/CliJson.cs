using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.EventStore;

namespace FlashSale.Cli.Output;

public static class CliJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new LogPositionConverter());
        return options;
    }

    /// <summary>Positions leave the CLI as the same opaque tokens the API hands out and --position accepts.</summary>
    private sealed class LogPositionConverter : JsonConverter<LogPosition>
    {
        public override LogPosition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LogPosition.TryParseToken(reader.GetString(), out var position) ? position : throw new JsonException("Not a position token.");

        public override void Write(Utf8JsonWriter writer, LogPosition value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToToken());
    }
}

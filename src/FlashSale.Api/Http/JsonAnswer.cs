using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FlashSale.Api.Http;

/// <summary>
/// A JSON answer written into the response's pipe synchronously: the bytes the framework's JSON results write from the
/// same metadata, without their flush of the headers before the body and their asynchronous serializer; the answer
/// leaves in the one flush that ends the request (ADR 0030: the 201 of an order; ADR 0037: the problems).
/// One writer per thread and per answer type, so answers of two types written alternately do not make writers anew.
/// </summary>
internal static class JsonAnswer<T>
{
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    public static void Write(HttpResponse response, T value, JsonTypeInfo<T> typeInfo)
    {
        var writer = WriterFor(response.BodyWriter, typeInfo.Options);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        finally
        {
            writer.Reset();
        }
    }

    private static Utf8JsonWriter WriterFor(IBufferWriter<byte> body, JsonSerializerOptions options)
    {
        var writerOptions = WriterOptions(options);
        if (_writer is { } cached && SameOptions(cached.Options, writerOptions))
        {
            cached.Reset(body);
            return cached;
        }
        return _writer = new Utf8JsonWriter(body, writerOptions);
    }

    /// <summary>What the serializer's own writer takes from the options.</summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
        SkipValidation = true,
    };

    private static bool SameOptions(JsonWriterOptions a, JsonWriterOptions b) =>
        ReferenceEquals(a.Encoder, b.Encoder) && a.Indented == b.Indented && a.IndentCharacter == b.IndentCharacter
        && a.IndentSize == b.IndentSize && a.NewLine == b.NewLine && a.MaxDepth == b.MaxDepth && a.SkipValidation == b.SkipValidation;
}

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FlashSale.Cli.Output;

/// <summary>One JSON document written while its data is still being read (a long array), flushed to stdout piece by
/// piece, with the same options as <see cref="CommandOutput.Document"/>.</summary>
public sealed class StreamedJson : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly TextWriter _out;

    public StreamedJson(TextWriter @out)
    {
        _out = @out;
        Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = CliJson.Options.Encoder });
    }

    public Utf8JsonWriter Writer { get; }

    public void Property(string name, object? value)
    {
        Writer.WritePropertyName(name);
        Value(value);
    }

    public void Value(object? value) => JsonSerializer.Serialize(Writer, value, value?.GetType() ?? typeof(object), CliJson.Options);

    public void Flush()
    {
        Writer.Flush();
        _out.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        Flush();
        _out.WriteLine();
        Writer.Dispose();
    }
}

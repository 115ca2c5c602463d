using System.Text;
using System.Text.Json;

namespace FlashSale.LoadTest.Http;

/// <summary>One answer as the load test sees it: status (0 when the request failed before an answer), body, and
/// the problem code and position it carries (read once, on first use, from the body's top-level fields).</summary>
public sealed record HttpAnswer(int Status, string Body, long Microseconds)
{
    private (string? Code, string? Position)? _fields;

    public string? Code => Fields().Code;

    public string? Position => Fields().Position;

    public bool IsServerError => Status is 0 or >= 500;

    private (string? Code, string? Position) Fields() => _fields ??= Read(Body);

    private static (string? Code, string? Position) Read(string body)
    {
        if (body.Length == 0 || body[0] != '{') return (null, null);
        string? code = null, position = null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body));
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) { reader.Skip(); continue; }
                if (reader.TokenType != JsonTokenType.String) continue;
                if (name == "code") code = reader.GetString();
                else if (name == "position") position = reader.GetString();
            }
        }
        catch (JsonException) { }
        return (code, position);
    }
}

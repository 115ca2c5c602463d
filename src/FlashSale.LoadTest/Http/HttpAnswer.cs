using System.Text.Json;

namespace FlashSale.LoadTest.Http;

/// <summary>One answer as the load test sees it: status (0 when the request failed before an answer), body, and
/// the problem code and position it carries.</summary>
public sealed record HttpAnswer(int Status, string Body, long Microseconds)
{
    public string? Code => Field("code");

    public string? Position => Field("position");

    public bool IsServerError => Status is 0 or >= 500;

    public string? Field(string name)
    {
        if (Body.Length == 0 || Body[0] != '{') return null;
        try
        {
            using var json = JsonDocument.Parse(Body);
            return json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>A fully read HTTP answer: status, media type and the exact body bytes (for byte-for-byte comparisons).</summary>
public sealed record HttpAnswer(HttpStatusCode Status, string? MediaType, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The <c>code</c> of a problem body.</summary>
    public string? Code => Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    public string String(string property) =>
        Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ShouldAssertException($"Expected a string '{property}' in {Status} body: {Text}");

    /// <summary>The field names of a problem's <c>errors</c> object, without the JSON path prefix (<c>$.quantity</c> -> <c>quantity</c>).</summary>
    public IReadOnlyList<string> ErrorFields =>
        Json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? [.. errors.EnumerateObject().Select(e => e.Name.StartsWith("$.", StringComparison.Ordinal) ? e.Name[2..] : e.Name)]
            : [];

    public bool SameAs(HttpAnswer other) => Status == other.Status && Body.AsSpan().SequenceEqual(other.Body);

    public override string ToString() => $"{(int)Status} {MediaType}: {Text}";

    public static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new HttpAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSale.Api.Http;

/// <summary>
/// Reads a request body strictly: bounded size, JSON only, no unknown or duplicate fields, no numbers in strings.
/// Every failure becomes a 4xx problem that says what is wrong; nothing reaches the command path.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 8,
    };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "JSON required",
                "Send the body as JSON with 'Content-Type: application/json'.", "unsupported_media_type"));
        if (request.ContentLength > MaxBytes) return (null, TooLarge());

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Strict);
            return body is null
                ? (null, Invalid("The body must be a JSON object, not null.", "$"))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid(Describe(ex), ex.Path ?? "$"));
        }
    }

    private static string Describe(JsonException ex)
    {
        // The serializer's messages name CLR types; say the same thing in the API's terms.
        var path = ex.Path ?? "$";
        return ex.Message switch
        {
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) =>
                $"Unknown field at '{path}': this request accepts only the documented fields.",
            var m when m.Contains("could not be converted", StringComparison.Ordinal) =>
                $"The value at '{path}' has the wrong type or is out of range.",
            var m when m.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) =>
                $"The field at '{path}' appears more than once.",
            _ => $"The body is not valid JSON (at '{path}', line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).",
        };
    }

    private static IResult Invalid(string detail, string path) =>
        Problems.Create(StatusCodes.Status400BadRequest, "Malformed request body", detail, "malformed_body",
            new Dictionary<string, string[]> { [FieldName(path)] = [detail] });

    /// <summary>"$.quantity" -> "quantity", so that errors name fields the same way validation errors do.</summary>
    private static string FieldName(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) && path.AsSpan(2).IndexOfAny(".[") < 0 ? path[2..] : path;

    private static IResult TooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"Request bodies are limited to {MaxBytes} bytes.", "body_too_large");
}

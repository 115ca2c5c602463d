using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace FlashSale.Api.Http;

/// <summary>
/// Reads a request body strictly: bounded size, JSON in UTF-8 only (a leading byte order mark is allowed, another
/// <c>charset</c> is refused), no unknown or duplicate fields, no numbers in strings.
/// The body records' <c>BindAsync</c> call it, so every failure is a 4xx <see cref="ProblemException"/> that says what
/// is wrong before anything reaches the command path.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;
    public const string UnsupportedCharsetCode = "unsupported_charset";

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 8,
        // The order's body from compile-time metadata (it is read on every order); the strict settings above still apply.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(Orders.OrderJson.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Reads a body that a hand-written reader may read first (<paramref name="plain"/>): where it declines,
    /// the serializer reads the body with its strict settings and answers what is wrong.</summary>
    public delegate bool PlainReader<T>(ReadOnlySpan<byte> json, [NotNullWhen(true)] out T? body) where T : class;

    public static async ValueTask<T?> ReadAsync<T>(HttpContext http, PlainReader<T>? plain = null) where T : class
    {
        var request = http.Request;
        CheckContentType(request);
        if (request.ContentLength > MaxBytes) throw TooLarge();

        // Straight from the request's pipe: no copy of the body and no buffer per request unless it came in pieces.
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(http.RequestAborted);
            var body = read.Buffer;
            if (body.Length > MaxBytes)
            {
                reader.AdvanceTo(body.Start, body.End);
                throw TooLarge();
            }
            if (!read.IsCompleted)
            {
                reader.AdvanceTo(body.Start, body.End);
                continue;
            }
            try
            {
                return Deserialize(body, plain);
            }
            finally
            {
                reader.AdvanceTo(body.End);
            }
        }
    }

    private static T Deserialize<T>(ReadOnlySequence<byte> body, PlainReader<T>? plain) where T : class
    {
        if (body.IsSingleSegment) return Deserialize(body.FirstSpan, plain);
        var length = (int)body.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return Deserialize(copy.AsSpan(0, length), plain);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> json, PlainReader<T>? plain) where T : class
    {
        // Some clients (PowerShell, Windows editors) start UTF-8 with a byte order mark; the JSON reader does not skip it.
        if (json.StartsWith(Utf8Bom)) json = json[Utf8Bom.Length..];
        if (plain is not null && plain(json, out var read)) return read;
        T? body;
        try
        {
            body = JsonSerializer.Deserialize<T>(json, Strict);
        }
        catch (JsonException ex)
        {
            throw Invalid(Describe(ex), ex.Path ?? "$");
        }
        return body ?? throw Invalid("The body must be a JSON object, not null.", "$");
    }

    private static void CheckContentType(HttpRequest request)
    {
        // What every client sends: nothing to parse.
        if (string.Equals(request.ContentType, "application/json", StringComparison.OrdinalIgnoreCase)) return;
        if (!request.HasJsonContentType())
            throw new ProblemException(Problems.Of(StatusCodes.Status415UnsupportedMediaType, "JSON required",
                "Send the body as JSON with 'Content-Type: application/json'.", "unsupported_media_type"));
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) && mediaType.Charset is { Length: > 0 } charset
            && !IsUtf8(charset.ToString().Trim('"')))
            throw new ProblemException(Problems.Of(StatusCodes.Status415UnsupportedMediaType, "UTF-8 required",
                $"Send the JSON body in UTF-8: 'charset={charset}' is not accepted (leave the charset out, or send 'charset=utf-8').",
                UnsupportedCharsetCode));
    }

    /// <summary>A body that may be left out entirely (no bytes); one that is sent is read as strictly as any other.</summary>
    public static async ValueTask<T?> ReadOptionalAsync<T>(HttpContext http) where T : class
    {
        var request = http.Request;
        if (request.ContentLength == 0) return null;
        if (string.IsNullOrEmpty(request.ContentType))
        {
            // No media type: fine when there is no body at all; otherwise the strict reader explains what is wrong.
            var probe = new byte[1];
            if (await request.Body.ReadAsync(probe, http.RequestAborted) == 0) return null;
        }
        return await ReadAsync<T>(http);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

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

    private static ProblemException Invalid(string detail, string path) =>
        new(Problems.Of(StatusCodes.Status400BadRequest, "Malformed request body", detail, "malformed_body",
            new Dictionary<string, string[]> { [FieldName(path)] = [detail] }));

    /// <summary>"$.quantity" -> "quantity", so that errors name fields the same way validation errors do.</summary>
    private static string FieldName(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) && path.AsSpan(2).IndexOfAny(".[") < 0 ? path[2..] : path;

    private static ProblemException TooLarge() =>
        new(Problems.Of(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"Request bodies are limited to {MaxBytes} bytes.", "body_too_large"));
}

using System.Buffers;
using FlashSale.Application.CommandPath;

namespace FlashSale.Api.Http;

public static class RequestContext
{
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string InvalidCorrelationIdCode = "correlation_id.invalid";
    public const int MaxCorrelationIdLength = 128;

    private const string Rule = "'X-Correlation-Id' must be 1-128 characters, each an ASCII letter, a digit or one of - _ . : @ ~.";

    /// <summary>
    /// The metadata every event of this request carries: the caller's correlation id (the trace id when it sent
    /// none), the request as the cause, and the acting party.
    /// </summary>
    /// <exception cref="ProblemException">400 <c>correlation_id.invalid</c>: the id the caller sent is not usable; a
    /// silent replacement would break its trail without telling it.</exception>
    public static CommandContext For(HttpContext http, string actor)
    {
        var presented = http.Request.Headers[CorrelationHeader];
        if (presented.Count > 1 || presented.Count == 1 && !IsValidCorrelationId(presented[0]))
            throw new ProblemException(Problems.Of(StatusCodes.Status400BadRequest, "Invalid correlation id", Rule,
                InvalidCorrelationIdCode, new Dictionary<string, string[]> { [CorrelationHeader] = [Rule] }));
        var correlationId = presented.Count == 1 ? presented[0]! : http.TraceIdentifier;
        http.Response.Headers[CorrelationHeader] = correlationId;
        http.Items[CorrelationHeader] = correlationId;
        return new CommandContext(correlationId, http.TraceIdentifier, actor);
    }

    /// <summary>The characters of ids (<c>Application.Validation</c>) and of trace ids, which are the fallback.</summary>
    public static bool IsValidCorrelationId(string? id) =>
        id is { Length: > 0 and <= MaxCorrelationIdLength } && !id.AsSpan().ContainsAnyExcept(CorrelationIdCharacters);

    private static readonly SearchValues<char> CorrelationIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:@~");

    /// <summary>The exception handler clears the response's headers; a command that failed still names its correlation id.</summary>
    public static void RestoreCorrelationId(HttpContext http)
    {
        if (http.Items.TryGetValue(CorrelationHeader, out var id) && id is string correlationId)
            http.Response.Headers[CorrelationHeader] = correlationId;
    }
}

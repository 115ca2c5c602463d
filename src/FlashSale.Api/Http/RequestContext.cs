using FlashSale.Application.CommandPath;

namespace FlashSale.Api.Http;

public static class RequestContext
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>
    /// The metadata every event of this request carries: the caller's correlation id when it sent a usable one, the
    /// request as the cause, and the acting party.
    /// </summary>
    public static CommandContext For(HttpContext http, string actor)
    {
        var presented = http.Request.Headers[CorrelationHeader].FirstOrDefault();
        var correlationId = presented is { Length: > 0 and <= 128 } && presented.All(c => c is > ' ' and < '\u007f')
            ? presented
            : http.TraceIdentifier;
        http.Response.Headers[CorrelationHeader] = correlationId;
        http.Items[CorrelationHeader] = correlationId;
        return new CommandContext(correlationId, http.TraceIdentifier, actor);
    }

    /// <summary>The exception handler clears the response's headers; a command that failed still names its correlation id.</summary>
    public static void RestoreCorrelationId(HttpContext http)
    {
        if (http.Items.TryGetValue(CorrelationHeader, out var id) && id is string correlationId)
            http.Response.Headers[CorrelationHeader] = correlationId;
    }
}

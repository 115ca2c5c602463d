using FlashSale.Api.Http;
using FlashSale.Api.Metrics;

namespace FlashSale.Api.Shutdown;

/// <summary>
/// Once the process stops, a request that arrives (on a kept-alive connection, during the drain) is answered
/// <c>503 server.stopping</c> with <c>Connection: close</c>, so its client reconnects elsewhere instead of finding its
/// connection reset when the listener closes. Probes and scrapes still get their real answer. The refusals count in
/// <c>flashsale_request_duration_seconds</c> like every other answer (route <c>unmatched</c>: they are refused before
/// routing), so a dashboard's 5xx rate shows the drain.
/// </summary>
public sealed class StoppingRequests(RequestDelegate next, ServerStopping stopping, RequestDurationMetrics requests)
{
    public const string Code = "server.stopping";

    public Task InvokeAsync(HttpContext http)
    {
        if (!stopping.IsStopping || IsProbe(http.Request.Path)) return next(http);
        if (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol))
            http.Response.Headers.Connection = "close";
        http.Response.Headers.RetryAfter = "1";
        return requests.InvokeAsync(http, Refuse);
    }

    private static Task Refuse(HttpContext http) =>
        Problems.Create(StatusCodes.Status503ServiceUnavailable, "Server stopping",
            "This instance is shutting down and takes no new requests; retry against another instance.", Code).ExecuteAsync(http);

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Prometheus;

namespace FlashSale.Api.Metrics;

/// <summary>
/// <c>flashsale_request_duration_seconds{route,method,status}</c>: the route template (never the raw path, so ids do
/// not become series), the method and the status class. Children are cached by those three, so a request allocates
/// nothing here.
/// </summary>
public sealed class RequestDurationMetrics
{
    private const string Unmatched = "unmatched";
    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly Histogram _duration;
    private readonly ConcurrentDictionary<(string Route, string Method, int StatusClass), Histogram.Child> _children = new();

    public RequestDurationMetrics(CollectorRegistry registry) =>
        _duration = MetricFactories.WithoutExemplars(registry).CreateHistogram("flashsale_request_duration_seconds",
            "HTTP requests by route template, method and status class.",
            new HistogramConfiguration { LabelNames = ["route", "method", "status"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
                ExemplarBehavior = MetricFactories.TraceExemplars });

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var route = RouteOf(http);
        try
        {
            await next(http);
        }
        finally
        {
            Observe(http, route, started);
        }
    }

    /// <summary>Read before the endpoint runs: the exception handler clears it before answering a failure.</summary>
    public static string RouteOf(HttpContext http) => (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;

    /// <summary>The request's duration since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp), under its
    /// route, method and the status class it answered.</summary>
    public void Observe(HttpContext http, string route, long started)
    {
        var statusClass = Math.Clamp(http.Response.StatusCode / 100, 1, 5);
        _children.GetOrAdd((route, http.Request.Method, statusClass),
                static (key, duration) => duration.WithLabels(key.Route, key.Method, StatusClasses[key.StatusClass - 1]), _duration)
            .Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}

using System.Diagnostics;
using FlashSale.Api.Http;
using FlashSale.Api.Metrics;
using FlashSale.EventStore.Logging;
using FlashSale.Hosting.Roles;
using Microsoft.Extensions.Logging.Console;

namespace FlashSale.Api.Logging;

/// <summary>
/// Outside Development the console gets one JSON object per line (<see cref="JsonLogFormatter"/>): every line names
/// the process role (<c>service</c>), the system's own lines their stable <c>event</c> (<see cref="LogEvents"/>), and
/// a request's lines its <c>correlation_id</c>, the same id the request's events store in their metadata and the
/// payment and projection work they cause logs again. The per-order lines are off unless <c>Logging:OrderLines</c>.
/// </summary>
public static class StructuredLogs
{
    public const string OrderLinesKey = "Logging:OrderLines";

    public static WebApplicationBuilder AddStructuredLogs(this WebApplicationBuilder builder)
    {
        builder.GateHostingDiagnosticsAfterStart();
        var orderLines = builder.Configuration.GetValue<bool>(OrderLinesKey);
        builder.Logging.AddFilter(LogEvents.OrderLinesCategory, orderLines ? LogLevel.Information : LogLevel.None);
        if (orderLines) builder.Services.AddOrderLines();
        if (builder.Environment.IsDevelopment()) return builder;
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = JsonLogFormatter.FormatterName);
        builder.Services.AddSingleton<ConsoleFormatter>(sp => new JsonLogFormatter(sp.GetRequiredService<ProcessRoles>().Name));
        return builder;
    }

    /// <summary>The outermost frame of every request (ADR 0037): its log scope (<see cref="RequestLogScope"/>) and, inside
    /// it, its <c>flashsale_request_duration_seconds</c>. One asynchronous frame for the two middleware they were; it stays
    /// asynchronous so that the scope, an async-local, ends with the request and never reaches the connection's next one.</summary>
    public static IApplicationBuilder UseRequestScopeAndDuration(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlashSale.Api.Requests");
        var service = app.ApplicationServices.GetRequiredService<ProcessRoles>().Name;
        var durations = app.ApplicationServices.GetRequiredService<RequestDurationMetrics>();
        return app.Use(next => http => InvokeAsync(http, next, logger, service, durations));
    }

    private static async Task InvokeAsync(HttpContext http, RequestDelegate next, ILogger logger, string service, RequestDurationMetrics durations)
    {
        using (logger.BeginScope(ScopeOf(http, service)))
        {
            var started = Stopwatch.GetTimestamp();
            var route = RequestDurationMetrics.RouteOf(http);
            try
            {
                await next(http);
            }
            finally
            {
                durations.Observe(http, route, started);
            }
        }
    }

    private static RequestLogScope ScopeOf(HttpContext http, string service)
    {
        var presented = http.Request.Headers[RequestContext.CorrelationHeader];
        var requestId = http.TraceIdentifier;
        var correlationId = presented.Count > 0 && RequestContext.IsValidCorrelationId(presented[0]) ? presented[0]! : requestId;
        return new RequestLogScope(service, correlationId, requestId, http.Request.Path.Value);
    }
}

using FlashSale.Api.Http;
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

    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlashSale.Api.Requests");
        var service = app.ApplicationServices.GetRequiredService<ProcessRoles>().Name;
        return app.Use(async (http, next) =>
        {
            var presented = http.Request.Headers[RequestContext.CorrelationHeader];
            var requestId = http.TraceIdentifier;
            var correlationId = presented.Count > 0 && RequestContext.IsValidCorrelationId(presented[0]) ? presented[0]! : requestId;
            using (logger.BeginScope(new RequestLogScope(service, correlationId, requestId, http.Request.Path.Value)))
                await next(http);
        });
    }
}

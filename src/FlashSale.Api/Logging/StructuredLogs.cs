using FlashSale.Api.Http;

namespace FlashSale.Api.Logging;

/// <summary>
/// Outside Development the console gets one JSON object per line (UTC timestamp, level, category, message, the
/// message's named values and the scopes), so a log shipper needs no parsing rules. Every request's lines carry a
/// scope with the process role (<c>service</c>) and the request's <c>correlation_id</c>, the same id the request's
/// events store in their metadata.
/// </summary>
public static class StructuredLogs
{
    public const string Service = "api";

    public static WebApplicationBuilder AddStructuredLogs(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return builder;
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlashSale.Api.Requests");
        return app.Use(async (http, next) =>
        {
            var presented = http.Request.Headers[RequestContext.CorrelationHeader].FirstOrDefault();
            var correlationId = RequestContext.IsValidCorrelationId(presented) ? presented! : http.TraceIdentifier;
            using (logger.BeginScope(new Dictionary<string, object> { ["service"] = Service, ["correlation_id"] = correlationId }))
                await next(http);
        });
    }
}

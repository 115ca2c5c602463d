using FlashSale.Api.Operators;
using FlashSale.Application.CommandPath;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.Log;

/// <summary>What of the log this process could not read: unreadable events (each blocks its item until an operator skips
/// it, adr/0010) and events of unknown types (a newer version's, skipped and counted).</summary>
public static class LogApi
{
    public static IServiceCollection AddLogApi(this IServiceCollection services) => services.AddSingleton<LogMetrics>();

    public static IEndpointRouteBuilder MapLogApi(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<LogMetrics>();
        app.MapGroup("/api/admin/log").WithTags("Log").RequireOperator()
            .MapGet("/unreadable", GetUnreadable)
            .WithName("GetUnreadableEvents")
            .WithSummary("Events of the log this process could not read: unreadable ones (blocking their item until skipped) and unknown types");
        return app;
    }

    public static Ok<UnreadableLog> GetUnreadable(LogAnomalies anomalies) => TypedResults.Ok(UnreadableLog.From(anomalies));
}

using System.Text;
using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Api.Audit;

public static class ExportEndpoints
{
    public const string InvalidFormatCode = "export.invalid_format";
    public const string InvalidScopeCode = "export.invalid_scope";

    /// <summary>Streams events as they are read (one JSON object per line, or CSV rows); no scope exports the whole log.</summary>
    public static void MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/export", async (HttpContext http, LogExport export, OrderLocator orders, IEventStore events) =>
        {
            var format = (QueryInput.Text(http.Request, "format") ?? "jsonl") switch
            {
                "jsonl" => ExportFormat.Jsonl,
                "csv" => ExportFormat.Csv,
                _ => (ExportFormat?)null,
            };
            var itemId = QueryInput.Text(http.Request, "itemId");
            var orderId = QueryInput.Text(http.Request, "orderId");
            if (format is null)
                return Problems.Create(StatusCodes.Status400BadRequest, "Invalid export format", "'format' must be 'jsonl' or 'csv'.",
                    InvalidFormatCode, new Dictionary<string, string[]> { ["format"] = ["'format' must be 'jsonl' or 'csv'."] });
            if (itemId is not null && orderId is not null)
                return Problems.Create(StatusCodes.Status400BadRequest, "Choose one export scope",
                    "Give 'itemId' or 'orderId' (or neither, for the whole log), not both.", InvalidScopeCode);
            var invalid = itemId is not null ? QueryInput.Id("itemId", itemId) : orderId is not null ? QueryInput.Id("orderId", orderId) : null;
            if (invalid is not null) return invalid;
            // Checked before the first byte goes out: once streaming has started the status can no longer change.
            if (itemId is not null && !await AuditInput.ItemExistsAsync(events, itemId, http.RequestAborted)) return AuditInput.ItemNotFound(itemId);
            if (orderId is not null && await orders.ItemOfAsync(orderId, http.RequestAborted) is null) return AuditInput.OrderNotFound(orderId);

            http.Response.ContentType = format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
            http.Response.Headers.ContentDisposition =
                $"attachment; filename=\"{(itemId is not null ? "item" : orderId is not null ? "order" : "log")}.{(format == ExportFormat.Csv ? "csv" : "jsonl")}\"";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
            await export.ExportAsync(new ExportScope(itemId, orderId), format.Value, writer, http.RequestAborted);
            return Results.Empty;
        }).AddEndpointFilter<OperatorOnlyFilter>();
    }
}

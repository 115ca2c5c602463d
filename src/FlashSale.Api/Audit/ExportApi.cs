using System.Text;
using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Domain;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlashSale.Api.Audit;

/// <summary><c>?format=&amp;itemId=&amp;orderId=</c> of an export (<c>[AsParameters]</c>); no scope exports the whole log.</summary>
public sealed record ExportQuery(
    [FromQuery(Name = "format")] string? Format, [FromQuery(Name = "itemId")] string? ItemId, [FromQuery(Name = "orderId")] string? OrderId)
{
    public const string InvalidFormatCode = "export.invalid_format";
    public const string InvalidScopeCode = "export.invalid_scope";

    /// <exception cref="ProblemException">400 for an unknown format, two scopes at once or an invalid id.</exception>
    public ExportFormat Check()
    {
        var format = (Format ?? "jsonl").ToLowerInvariant() switch
        {
            "jsonl" => ExportFormat.Jsonl,
            "csv" => ExportFormat.Csv,
            _ => throw new ProblemException(Problems.Of(StatusCodes.Status400BadRequest, "Invalid export format",
                "'format' must be 'jsonl' or 'csv' (in any case).", InvalidFormatCode,
                new Dictionary<string, string[]> { ["format"] = ["'format' must be 'jsonl' or 'csv' (in any case)."] })),
        };
        if (ItemId is not null && OrderId is not null)
            throw new ProblemException(Problems.Of(StatusCodes.Status400BadRequest, "Choose one export scope",
                "Give 'itemId' or 'orderId' (or neither, for the whole log), not both.", InvalidScopeCode));
        if (ItemId is not null) QueryInput.CheckId("itemId", ItemId);
        else if (OrderId is not null) QueryInput.CheckId("orderId", OrderId);
        return format;
    }
}

public static class ExportApi
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags("Audit").RequireOperator().MapGet("/export", ExportAsync)
            .WithName("ExportLog").WithSummary("Stream the events of an item, an order or the whole log as JSON lines or CSV")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson", additionalContentTypes: "text/csv")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed, ExportQuery.InvalidFormatCode,
                ExportQuery.InvalidScopeCode)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.ItemNotFound, DomainErrors.OrderNotFound);
        return app;
    }

    /// <summary>Streams events as they are read (one JSON object per line, or CSV rows).</summary>
    public static async Task<Results<EmptyHttpResult, ProblemResult>> ExportAsync([AsParameters] ExportQuery query, HttpContext http,
        LogExport export, OrderLocator orders, IEventStore events)
    {
        var format = query.Check();
        var (itemId, orderId) = (query.ItemId, query.OrderId);
        // Checked before the first byte goes out: once streaming has started the status can no longer change.
        if (itemId is not null && !await AuditLog.ItemExistsAsync(events, itemId, http.RequestAborted)) return AuditLog.ItemNotFound(itemId);
        if (orderId is not null && await orders.ItemOfAsync(orderId, http.RequestAborted) is null) return AuditLog.OrderNotFound(orderId);

        var csv = format == ExportFormat.Csv;
        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(itemId, orderId)}.{(csv ? "csv" : "jsonl")}\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
        await export.ExportAsync(new ExportScope(itemId, orderId), format, writer, http.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>Names the export after what it holds. Ids are ASCII letters, digits and <c>-_.~:@</c> (EntityId), so they
    /// need no quoting in the header.</summary>
    public static string FileName(string? itemId, string? orderId) =>
        itemId is not null ? $"item-{itemId}" : orderId is not null ? $"order-{orderId}" : "log";
}

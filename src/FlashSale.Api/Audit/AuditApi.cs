using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Domain;
using FlashSale.EventStore;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.Audit;

/// <summary>The log as auditors read it: every event of an item or order with its metadata, and the state as of any point.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireOperator();
        audit.MapGet("/items/{itemId}", GetItemTrailAsync)
            .WithName("GetItemAuditTrail").WithSummary("An item's events with their metadata, a page at a time")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.ItemNotFound);
        audit.MapGet("/orders/{orderId}", GetOrderTrailAsync)
            .WithName("GetOrderAuditTrail").WithSummary("An order's events with their metadata, a page at a time")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.OrderNotFound);
        audit.MapGet("/items/{itemId}/history", GetItemHistoryAsync)
            .WithName("GetItemHistory").WithSummary("An item's inventory after each event, up to a position or time")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed, AsOfQuery.InvalidAsOfCode)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.ItemNotFound);
        audit.MapGet("/orders/{orderId}/history", GetOrderHistoryAsync)
            .WithName("GetOrderHistory").WithSummary("An order's status after each event, up to a position or time")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed, AsOfQuery.InvalidAsOfCode)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.OrderNotFound);
        return app;
    }

    public static async Task<Results<Ok<AuditTrailPage>, ProblemResult>> GetItemTrailAsync(string itemId, [AsParameters] TrailQuery query,
        HttpContext http, AuditTrail trail, IEventStore events)
    {
        QueryInput.CheckId("itemId", itemId);
        var page = query.ToPage();
        var read = await trail.ItemAsync(itemId, page.Offset, page.Limit, http.RequestAborted);
        if (read.Events.Count == 0 && !await AuditLog.ItemExistsAsync(events, itemId, http.RequestAborted)) return AuditLog.ItemNotFound(itemId);
        return TypedResults.Ok(AuditTrailPage.Of(itemId, null, read, page, http.Request));
    }

    public static async Task<Results<Ok<AuditTrailPage>, ProblemResult>> GetOrderTrailAsync(string orderId, [AsParameters] TrailQuery query,
        HttpContext http, AuditTrail trail)
    {
        QueryInput.CheckId("orderId", orderId);
        var page = query.ToPage();
        if (await trail.OrderAsync(orderId, page.Offset, page.Limit, http.RequestAborted) is not { } read) return AuditLog.OrderNotFound(orderId);
        return TypedResults.Ok(AuditTrailPage.Of(null, orderId, read, page, http.Request));
    }

    /// <summary>Streamed: the answer is written while the item's stream is replayed.</summary>
    public static async Task<Results<Ok<History<InventoryRow>>, ProblemResult>> GetItemHistoryAsync(string itemId,
        [AsParameters] AsOfQuery query, [AsParameters] PageQuery paging, HttpContext http, HistoryQuery history, IEventStore events)
    {
        QueryInput.CheckId("itemId", itemId);
        var asOf = query.ToAsOf();
        var page = paging.ToPage();
        // Decided before the first byte goes out: once the steps stream, the status can no longer change.
        if (!await AuditLog.ItemExistsAsync(events, itemId, http.RequestAborted)) return AuditLog.ItemNotFound(itemId);
        var steps = new HistoryPageStream<InventoryRow>(history.ItemStepsAsync(itemId, asOf, http.RequestAborted), page);
        return TypedResults.Ok(new History<InventoryRow>(asOf, steps, page.NextLink(http.Request)));
    }

    /// <summary>Streamed: the answer is written while the order's item stream is replayed.</summary>
    public static async Task<Results<Ok<History<OrderStatusRow>>, ProblemResult>> GetOrderHistoryAsync(string orderId,
        [AsParameters] AsOfQuery query, [AsParameters] PageQuery paging, HttpContext http, HistoryQuery history)
    {
        QueryInput.CheckId("orderId", orderId);
        var asOf = query.ToAsOf();
        var page = paging.ToPage();
        if (await history.OrderStepsAsync(orderId, null, asOf, http.RequestAborted) is not { } all) return AuditLog.OrderNotFound(orderId);
        return TypedResults.Ok(new History<OrderStatusRow>(asOf, new HistoryPageStream<OrderStatusRow>(all, page), page.NextLink(http.Request)));
    }
}

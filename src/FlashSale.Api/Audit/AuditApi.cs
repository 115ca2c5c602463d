using System.Globalization;
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
        var range = query.ToRange();
        var page = await trail.ItemAsync(itemId, range.From, range.Limit, http.RequestAborted);
        if (page.Events.Count == 0 && !await AuditLog.ItemExistsAsync(events, itemId, http.RequestAborted)) return AuditLog.ItemNotFound(itemId);
        return TypedResults.Ok(new AuditTrailPage(itemId, null, page.Events, page.NextFrom, NextLink(http.Request, page.NextFrom, range.Limit)));
    }

    public static async Task<Results<Ok<AuditTrailPage>, ProblemResult>> GetOrderTrailAsync(string orderId, [AsParameters] TrailQuery query,
        HttpContext http, AuditTrail trail)
    {
        QueryInput.CheckId("orderId", orderId);
        var range = query.ToRange();
        if (await trail.OrderAsync(orderId, range.From, range.Limit, http.RequestAborted) is not { } page) return AuditLog.OrderNotFound(orderId);
        return TypedResults.Ok(new AuditTrailPage(null, orderId, page.Events, page.NextFrom, NextLink(http.Request, page.NextFrom, range.Limit)));
    }

    public static async Task<Results<Ok<History<InventoryRow>>, ProblemResult>> GetItemHistoryAsync(string itemId,
        [AsParameters] AsOfQuery query, HistoryQuery history, IEventStore events, CancellationToken cancellationToken)
    {
        QueryInput.CheckId("itemId", itemId);
        var asOf = query.ToAsOf();
        var steps = await history.ItemAsync(itemId, asOf, cancellationToken);
        if (steps.Count == 0 && !await AuditLog.ItemExistsAsync(events, itemId, cancellationToken)) return AuditLog.ItemNotFound(itemId);
        return TypedResults.Ok(History<InventoryRow>.Of(asOf, steps));
    }

    public static async Task<Results<Ok<History<OrderStatusRow>>, ProblemResult>> GetOrderHistoryAsync(string orderId,
        [AsParameters] AsOfQuery query, HistoryQuery history, CancellationToken cancellationToken)
    {
        QueryInput.CheckId("orderId", orderId);
        var asOf = query.ToAsOf();
        return await history.OrderAsync(orderId, asOf, cancellationToken) is { } steps
            ? TypedResults.Ok(History<OrderStatusRow>.Of(asOf, steps))
            : AuditLog.OrderNotFound(orderId);
    }

    private static string? NextLink(HttpRequest request, long? nextFrom, int limit) => nextFrom is { } from
        ? $"{request.PathBase}{request.Path}?from={from.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}"
        : null;
}

using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Api.Audit;

public static class AuditTrailEndpoints
{
    /// <summary>A page of the trail; <see cref="Next"/>/<see cref="NextFrom"/> are set only when more events follow.</summary>
    public sealed record AuditTrailPage(string? ItemId, string? OrderId, IReadOnlyList<AuditEntry> Events, long? NextFrom, string? Next);

    public static void MapAuditTrail(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").AddEndpointFilter<OperatorOnlyFilter>();

        audit.MapGet("/items/{itemId}", async (string itemId, HttpContext http, AuditTrail trail, IEventStore events) =>
        {
            var (from, limit, problem) = AuditInput.Paging(http.Request);
            if ((QueryInput.Id("itemId", itemId) ?? problem) is { } invalid) return invalid;
            var page = await trail.ItemAsync(itemId, from, limit, http.RequestAborted);
            if (page.Events.Count == 0 && !await AuditInput.ItemExistsAsync(events, itemId, http.RequestAborted))
                return AuditInput.ItemNotFound(itemId);
            return Results.Ok(new AuditTrailPage(itemId, null, page.Events, page.NextFrom,
                page.NextFrom is { } next ? AuditInput.NextLink(http.Request, next, limit) : null));
        });

        audit.MapGet("/orders/{orderId}", async (string orderId, HttpContext http, AuditTrail trail) =>
        {
            var (from, limit, problem) = AuditInput.Paging(http.Request);
            if ((QueryInput.Id("orderId", orderId) ?? problem) is { } invalid) return invalid;
            if (await trail.OrderAsync(orderId, from, limit, http.RequestAborted) is not { } page) return AuditInput.OrderNotFound(orderId);
            return Results.Ok(new AuditTrailPage(null, orderId, page.Events, page.NextFrom,
                page.NextFrom is { } next ? AuditInput.NextLink(http.Request, next, limit) : null));
        });
    }
}

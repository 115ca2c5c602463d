using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Api.Audit;

public static class HistoryEndpoints
{
    /// <param name="State">The state as of the point: after the last step (null when the point is before the first event).</param>
    public sealed record History<TRow>(string? AsOfPosition, DateTimeOffset? AsOfTime, TRow? State, IReadOnlyList<HistoryStep<TRow>> Steps);

    public static void MapAuditHistory(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").AddEndpointFilter<OperatorOnlyFilter>();

        audit.MapGet("/items/{itemId}/history", async (string itemId, HttpContext http, HistoryQuery history, IEventStore events) =>
        {
            var (asOf, problem) = AuditInput.AsOf(http.Request);
            if ((QueryInput.Id("itemId", itemId) ?? problem) is { } invalid) return invalid;
            var steps = await history.ItemAsync(itemId, asOf, http.RequestAborted);
            if (steps.Count == 0 && !await AuditInput.ItemExistsAsync(events, itemId, http.RequestAborted)) return AuditInput.ItemNotFound(itemId);
            return Results.Ok(Of(asOf, steps));
        });

        audit.MapGet("/orders/{orderId}/history", async (string orderId, HttpContext http, HistoryQuery history) =>
        {
            var (asOf, problem) = AuditInput.AsOf(http.Request);
            if ((QueryInput.Id("orderId", orderId) ?? problem) is { } invalid) return invalid;
            return await history.OrderAsync(orderId, asOf, http.RequestAborted) is { } steps
                ? Results.Ok(Of(asOf, steps))
                : AuditInput.OrderNotFound(orderId);
        });
    }

    private static History<TRow> Of<TRow>(AsOf asOf, IReadOnlyList<HistoryStep<TRow>> steps) where TRow : class =>
        new(asOf.Position?.ToToken(), asOf.Time, steps.Count > 0 ? steps[^1].State : null, steps);
}

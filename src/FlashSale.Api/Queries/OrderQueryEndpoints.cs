using FlashSale.Api.Http;
using FlashSale.Domain;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Api.Queries;

public static class OrderQueryEndpoints
{
    public static void MapOrderQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders/{orderId}", async (string orderId, HttpContext http, ReadModelQueries queries) =>
        {
            var (minimum, badPosition) = ReadModelGate.MinPosition(http.Request);
            var itemId = QueryInput.Text(http.Request, "itemId");
            if ((QueryInput.Id("orderId", orderId) ?? (itemId is null ? null : QueryInput.Id("itemId", itemId)) ?? badPosition) is { } invalid)
                return invalid;
            var (_, behind) = await ReadModelGate.EnterAsync(http, OrderStatusProjection.ProjectionName, minimum);
            if (behind is not null) return behind;
            try
            {
                return await queries.GetOrderAsync(orderId, itemId, http.RequestAborted) is { } row
                    ? Results.Ok(row)
                    : Problems.Create(StatusCodes.Status404NotFound, "Order not found", $"Order '{orderId}' is not known.", DomainErrors.OrderNotFound);
            }
            catch (DomainException ex)
            {
                return Problems.From(ex); // order.ambiguous: the id is an order on several items and none was named
            }
        });

        // Oldest first; a user with no orders is an empty list, not a 404 (users are not registered anywhere).
        app.MapGet("/api/users/{userId}/orders", async (string userId, HttpContext http, ReadModelQueries queries) =>
        {
            var (page, problem) = QueryInput.Paging(http.Request);
            var (minimum, badPosition) = ReadModelGate.MinPosition(http.Request);
            if ((QueryInput.Id("userId", userId) ?? problem ?? badPosition) is { } invalid) return invalid;
            var (checkpoint, behind) = await ReadModelGate.EnterAsync(http, OrderStatusProjection.ProjectionName, minimum);
            if (behind is not null) return behind;
            var rows = await queries.OrdersOfUserAsync(userId, page.Limit + 1, page.Offset, http.RequestAborted);
            return Results.Ok(Paged.Of(rows, page, http.Request, checkpoint));
        });
    }
}

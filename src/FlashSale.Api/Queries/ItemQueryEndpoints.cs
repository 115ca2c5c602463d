using FlashSale.Api.Http;
using FlashSale.Domain;
using FlashSale.Projections.Inventory;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Api.Queries;

public static class ItemQueryEndpoints
{
    public static void MapItemQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/items", async (HttpContext http, ReadModelQueries queries) =>
        {
            var (page, problem) = QueryInput.Paging(http.Request);
            var (minimum, badPosition) = ReadModelGate.MinPosition(http.Request);
            if ((problem ?? badPosition) is { } invalid) return invalid;
            var (checkpoint, behind) = await ReadModelGate.EnterAsync(http, InventoryProjection.ProjectionName, minimum);
            if (behind is not null) return behind;
            var rows = await queries.ListItemsAsync(page.Limit + 1, page.Offset, http.RequestAborted);
            return Results.Ok(Paged.Of(rows, page, http.Request, checkpoint));
        });

        app.MapGet("/api/items/{itemId}", async (string itemId, HttpContext http, ReadModelQueries queries) =>
        {
            var (minimum, badPosition) = ReadModelGate.MinPosition(http.Request);
            if ((QueryInput.Id("itemId", itemId) ?? badPosition) is { } invalid) return invalid;
            var (_, behind) = await ReadModelGate.EnterAsync(http, InventoryProjection.ProjectionName, minimum);
            if (behind is not null) return behind;
            return await queries.GetItemAsync(itemId, http.RequestAborted) is { } row
                ? Results.Ok(row)
                : Problems.Create(StatusCodes.Status404NotFound, "Item not found", $"Item '{itemId}' is not listed.", DomainErrors.ItemNotFound);
        });
    }
}

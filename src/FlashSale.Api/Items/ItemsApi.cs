using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Application.Items;
using FlashSale.Domain;
using FlashSale.Projections.Inventory;
using FlashSale.ReadModels.Queries;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.Items;

public static class ItemsApi
{
    public static IEndpointRouteBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/items").WithTags("Items");

        items.MapPost("/", ListItemAsync).RequireOperator()
            .WithName("ListItem").WithSummary("List an item for sale (operator)")
            .ProducesBodyProblems().ProducesProblemCodes(StatusCodes.Status400BadRequest, DomainErrors.InvalidListing, DomainErrors.SaleAlreadyEnded)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, DomainErrors.ItemAlreadyListed).ProducesCommandProblems();
        items.MapPost("/{itemId}/restock", RestockItemAsync).RequireOperator()
            .WithName("RestockItem").WithSummary("Add stock to a listed item (operator)")
            .ProducesBodyProblems().ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.ItemNotFound)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, DomainErrors.RestockOperationReused).ProducesCommandProblems();
        items.MapGet("/", ListItemsAsync)
            .WithName("ListItems").WithSummary("Inventory of every item, a page at a time").ProducesQueryProblems();
        items.MapGet("/{itemId}", GetItemAsync)
            .WithName("GetItem").WithSummary("Inventory of one item")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.ItemNotFound).ProducesQueryProblems();
        return app;
    }

    public static async Task<Created<ItemStock>> ListItemAsync(ListItemBody body, HttpContext http, IMediator mediator)
    {
        var receipt = await mediator.Send(new ListItemRequest(body.ItemId, body.Name, body.Stock, body.PerUserLimit,
            body.SaleStartsAt, body.SaleEndsAt, body.PaymentWindowSeconds, RequestContext.For(http, "operator")), http.RequestAborted);
        return TypedResults.Created($"/api/items/{Uri.EscapeDataString(receipt.ItemId)}", ItemStock.From(receipt));
    }

    public static async Task<Ok<ItemStock>> RestockItemAsync(string itemId, RestockBody body, HttpContext http, IMediator mediator)
    {
        var receipt = await mediator.Send(
            new RestockItemRequest(itemId, body.Quantity, body.Reason, RequestContext.For(http, "operator"), body.OperationId), http.RequestAborted);
        return TypedResults.Ok(ItemStock.From(receipt));
    }

    public static async Task<Ok<Paged<InventoryRow>>> ListItemsAsync([AsParameters] PageQuery paging,
        [AsParameters] MinPositionQuery freshness, HttpContext http, ReadModelGate gate, ReadModelQueries queries)
    {
        var page = paging.ToPage();
        var checkpoint = await gate.EnterAsync(http, InventoryProjection.ProjectionName, freshness);
        var rows = await queries.ItemsPageAsync(page, http.RequestAborted);
        return TypedResults.Ok(Paged.Of(rows, http.Request, checkpoint));
    }

    public static async Task<Results<Ok<InventoryRow>, ProblemResult>> GetItemAsync(string itemId,
        [AsParameters] MinPositionQuery freshness, HttpContext http, ReadModelGate gate, ReadModelQueries queries)
    {
        QueryInput.CheckId("itemId", itemId);
        await gate.EnterAsync(http, InventoryProjection.ProjectionName, freshness);
        return await queries.GetItemAsync(itemId, http.RequestAborted) is { } row
            ? TypedResults.Ok(row)
            : Problems.Create(StatusCodes.Status404NotFound, "Item not found", $"Item '{itemId}' is not listed.", DomainErrors.ItemNotFound);
    }
}

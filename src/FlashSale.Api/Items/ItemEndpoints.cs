using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Application.Items;
using Mediator;

namespace FlashSale.Api.Items;

public static class ItemEndpoints
{
    internal sealed record ListItemBody(
        string? ItemId,
        string? Name,
        int? Stock,
        int? PerUserLimit,
        DateTimeOffset? SaleStartsAt,
        DateTimeOffset? SaleEndsAt,
        int? PaymentWindowSeconds);

    internal sealed record RestockBody(int? Quantity, string? Reason);

    public static void MapItemCommands(this IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api/items").AddEndpointFilter<OperatorOnlyFilter>();

        operators.MapPost("/", async (HttpContext http, IMediator mediator) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ListItemBody>(http.Request);
            if (problem is not null) return problem;
            try
            {
                var receipt = await mediator.Send(new ListItemRequest(body!.ItemId, body.Name, body.Stock, body.PerUserLimit,
                    body.SaleStartsAt, body.SaleEndsAt, body.PaymentWindowSeconds, RequestContext.For(http, "operator")), http.RequestAborted);
                return Results.Created($"/api/items/{Uri.EscapeDataString(receipt.ItemId)}", Receipt(receipt));
            }
            catch (Exception ex)
            {
                return Problems.From(ex);
            }
        });

        operators.MapPost("/{itemId}/restock", async (string itemId, HttpContext http, IMediator mediator) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<RestockBody>(http.Request);
            if (problem is not null) return problem;
            try
            {
                var receipt = await mediator.Send(
                    new RestockItemRequest(itemId, body!.Quantity, body.Reason, RequestContext.For(http, "operator")), http.RequestAborted);
                return Results.Ok(Receipt(receipt));
            }
            catch (Exception ex)
            {
                return Problems.From(ex);
            }
        });
    }

    private static object Receipt(ItemReceipt receipt) =>
        new { receipt.ItemId, receipt.Available, Position = receipt.Position.ToToken() };
}

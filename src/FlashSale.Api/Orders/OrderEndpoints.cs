using FlashSale.Api.Http;
using FlashSale.Api.Payments;
using FlashSale.Application.Orders;
using FlashSale.Domain.Items;
using Mediator;

namespace FlashSale.Api.Orders;

public static class OrderEndpoints
{
    internal sealed record PlaceOrderBody(string? OrderId, string? ItemId, string? UserId, int? Quantity);

    /// <param name="ItemId">Optional: needed only when the order id is an order on several items (409 order.ambiguous otherwise).</param>
    internal sealed record PaymentBody(string? PaymentReference, string? ItemId = null);

    public static void MapOrderCommands(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/orders", async (HttpContext http, IMediator mediator) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PlaceOrderBody>(http.Request);
            if (problem is not null) return problem;
            try
            {
                var context = RequestContext.For(http, $"user:{body!.UserId}");
                var receipt = await mediator.Send(
                    new PlaceOrderRequest(body.OrderId, body.ItemId, body.UserId, body.Quantity, context), http.RequestAborted);
                return Answer(receipt);
            }
            catch (Exception ex)
            {
                return Problems.From(ex);
            }
        });

        app.MapPost("/api/orders/{orderId}/payment", async (string orderId, HttpContext http, IMediator mediator) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PaymentBody>(http.Request);
            if (problem is not null) return problem;
            try
            {
                var receipt = await mediator.Send(
                    new ConfirmPaymentRequest(orderId, body!.PaymentReference, RequestContext.For(http, "payment-provider"), body.ItemId), http.RequestAborted);
                return Results.Ok(new
                {
                    receipt.OrderId,
                    receipt.ItemId,
                    Status = "confirmed",
                    receipt.PaymentReference,
                    Position = receipt.Position.ToToken(),
                });
            }
            catch (Exception ex)
            {
                return Problems.From(ex);
            }
        }).RequirePaymentSignature();
    }

    /// <summary>Built only from what the log recorded, so a repeated order id gets exactly the first answer.</summary>
    private static IResult Answer(OrderReceipt receipt) => receipt.Reserved
        ? Results.Created($"/api/orders/{Uri.EscapeDataString(receipt.OrderId)}", new
        {
            receipt.OrderId,
            receipt.ItemId,
            Status = "reserved",
            receipt.ReservedUntil,
            Position = receipt.Position.ToToken(),
        })
        : Problems.Write(new Problem(
            $"https://flashsale.dev/problems/{receipt.RejectionReason}",
            "Order rejected",
            StatusCodes.Status409Conflict,
            RejectionDetail(receipt.RejectionReason!),
            receipt.RejectionReason,
            OrderId: receipt.OrderId,
            ItemId: receipt.ItemId,
            Position: receipt.Position.ToToken()));

    private static string RejectionDetail(string reason) => reason switch
    {
        RejectionReasons.SoldOut => "Not enough stock is left for this order.",
        RejectionReasons.PerUserLimit => "This order would take the user over the item's per-user limit.",
        RejectionReasons.SaleNotActive => "The sale of this item is not open at this time.",
        _ => "The order was rejected.",
    };
}

using FlashSale.Contracts;
using FlashSale.Api.Buyers;
using FlashSale.Api.Http;
using FlashSale.Api.Limits;
using FlashSale.Api.Payments;
using FlashSale.Api.Queries;
using FlashSale.Application.Orders;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Queries;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.Orders;

public static class OrdersApi
{
    /// <summary>The order's receipts are written with <see cref="OrderJson"/>'s metadata (the same web defaults).</summary>
    public static IServiceCollection AddOrdersJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, OrderJson.Default));

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        PlaceOrderEndpoint.ServedByHand(orders.MapPost("/", PlaceOrderAsync)).RequireBuyer()
            .WithName("PlaceOrder").WithSummary("Place an order; the order id is the idempotency key")
            .ProducesBodyProblems().ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.ItemNotFound)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, RejectionReasons.SoldOut, RejectionReasons.PerUserLimit,
                RejectionReasons.SaleNotActive, DomainErrors.OrderIdReused)
            .ProducesProblemCodes(StatusCodes.Status429TooManyRequests, OrderRateLimit.Code).ProducesUserMismatch().ProducesCommandProblems()
            .ProducesOrderIndexProblems();
        orders.MapPost("/{orderId}/payment", ConfirmPaymentAsync)
            .WithName("ConfirmPayment").WithSummary("The payment provider's callback (signed): the order is paid")
            .RequirePaymentSignature().ProducesBodyProblems()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.OrderNotFound, DomainErrors.ItemNotFound)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, DomainErrors.PaymentTimedOut, DomainErrors.PaymentAlreadyConfirmed,
                DomainErrors.OrderNotReserved, DomainErrors.OrderDiscarded, DomainErrors.OrderAmbiguous).ProducesCommandProblems()
            .ProducesOrderIndexProblems();
        orders.MapGet("/{orderId}", GetOrderAsync).RequireOrderReader()
            .WithName("GetOrder").WithSummary("Status of one order")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.OrderNotFound)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, DomainErrors.OrderAmbiguous).ProducesQueryProblems();

        // Oldest first; a user with no orders is an empty list, not a 404 (users are not registered anywhere).
        app.MapGroup("/api/users").WithTags("Orders").MapGet("/{userId}/orders", ListUserOrdersAsync)
            .RequireOrderReader().WithName("ListUserOrders").WithSummary("A user's orders, oldest first, a page at a time")
            .ProducesUserMismatch().ProducesQueryProblems();
        return app;
    }

    /// <summary>Built only from what the log recorded, so a repeated order id gets exactly the first answer. Served by
    /// <see cref="PlaceOrderEndpoint"/>, which also applies the per-user limit (<see cref="OrderRateLimit"/>) first.</summary>
    public static async Task<Results<OrderCreated, ProblemResult>> PlaceOrderAsync(PlaceOrderBody body, HttpContext http,
        IMediator mediator, BuyerScopes buyers)
    {
        if (UserMismatch(body, http, buyers) is { } mismatch) return mismatch;
        var receipt = await mediator.Send(RequestOf(body, http), http.RequestAborted);
        return receipt.Reserved ? CreatedOf(receipt) : OrderRejection.From(receipt);
    }

    /// <summary>A missing userId is the validator's 400; any other than the token's user is refused before anything is appended.</summary>
    internal static ProblemResult? UserMismatch(PlaceOrderBody body, HttpContext http, BuyerScopes buyers) =>
        body.UserId is not null && !buyers.Of(http).MayActFor(body.UserId) ? BuyerScope.UserMismatch("userId") : null;

    internal static PlaceOrderRequest RequestOf(PlaceOrderBody body, HttpContext http) =>
        new(body.OrderId, body.ItemId, body.UserId, body.Quantity, RequestContext.For(http, $"user:{body.UserId}"));

    internal static OrderCreated CreatedOf(OrderReceipt receipt) =>
        new($"/api/orders/{Uri.EscapeDataString(receipt.OrderId)}", OrderAccepted.From(receipt));

    public static async Task<Ok<PaymentConfirmation>> ConfirmPaymentAsync(string orderId, PaymentBody body, HttpContext http,
        IMediator mediator)
    {
        var receipt = await mediator.Send(
            new ConfirmPaymentRequest(orderId, body.PaymentReference, RequestContext.For(http, "payment-provider"), body.ItemId),
            http.RequestAborted);
        return TypedResults.Ok(PaymentConfirmation.From(receipt));
    }

    /// <remarks>Another user's order answers exactly as an unknown one: a buyer learns nothing of orders not theirs.</remarks>
    public static async Task<Results<Ok<BuyerOrderView>, ProblemResult>> GetOrderAsync(string orderId,
        [AsParameters] ItemChoice item, [AsParameters] MinPositionQuery freshness, HttpContext http, ReadModelGate gate,
        ReadModelQueries queries, BuyerScopes buyers)
    {
        QueryInput.CheckId("orderId", orderId);
        var itemId = item.Checked();
        var scope = buyers.Of(http);
        await gate.EnterAsync(http, OrderStatusProjection.ProjectionName, freshness);
        // Only the caller's own orders take part, so another user's order with the same id neither shows nor makes it ambiguous.
        var mine = (await queries.OrdersWithIdAsync(orderId, http.RequestAborted))
            .Where(row => scope.MayActFor(row.UserId) && (itemId is null || row.ItemId == itemId)).ToList();
        if (mine.Count > 1) throw AmbiguousOrder.Error(orderId, mine.Select(row => row.ItemId));
        return mine is [var row]
            ? TypedResults.Ok(BuyerOrderView.From(row))
            : Problems.Create(StatusCodes.Status404NotFound, "Order not found", $"Order '{orderId}' is not known.", DomainErrors.OrderNotFound);
    }

    public static async Task<Results<Ok<Paged<BuyerOrderView>>, ProblemResult>> ListUserOrdersAsync(string userId,
        [AsParameters] PageQuery paging, [AsParameters] MinPositionQuery freshness, HttpContext http, ReadModelGate gate,
        ReadModelQueries queries, BuyerScopes buyers)
    {
        QueryInput.CheckId("userId", userId);
        if (!buyers.Of(http).MayActFor(userId)) return BuyerScope.UserMismatch("userId");
        var page = paging.ToPage();
        var checkpoint = await gate.EnterAsync(http, OrderStatusProjection.ProjectionName, freshness);
        var rows = await queries.OrdersOfUserPageAsync(userId, page, http.RequestAborted);
        return TypedResults.Ok(Paged.Of(rows, [.. rows.Rows.Select(BuyerOrderView.From)], http.Request, checkpoint));
    }
}

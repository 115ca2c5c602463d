using System.Text.Json.Serialization.Metadata;
using FlashSale.Api.Buyers;
using FlashSale.Api.Limits;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Orders;

/// <summary>
/// <c>POST /api/orders</c> served by one request delegate (ADR 0037): the body read, the per-user limit, the user check,
/// the command and the answer of <see cref="OrdersApi.PlaceOrderAsync"/>, with its services resolved once. The framework's
/// delegate for that method bound the body through a generated expression, resolved the mediator and the buyer scopes
/// from the request's services (a DI scope per order), boxed the arguments into a filter context for the rate limit and
/// ran three asynchronous frames around the handler. The method stays the endpoint's description (parameters, answers,
/// the API document) and is what this delegate does.
/// </summary>
internal sealed class PlaceOrderEndpoint(IMediator mediator, BuyerScopes buyers, OrderRateLimit limit, JsonTypeInfo<OrderAccepted> receipt)
{
    public static RouteHandlerBuilder ServedByHand(RouteHandlerBuilder endpoint)
    {
        // A convention that sets the delegate replaces the one the framework makes from the method (RouteEndpointDataSource);
        // last, so that it sees every filter a convention added: this delegate would not run them.
        endpoint.Finally(builder =>
        {
            if (builder.FilterFactories.Count > 0)
                throw new InvalidOperationException("POST /api/orders is served by PlaceOrderEndpoint, which runs no endpoint filters.");
            var services = builder.ApplicationServices;
            builder.RequestDelegate = new PlaceOrderEndpoint(services.GetRequiredService<IMediator>(), services.GetRequiredService<BuyerScopes>(),
                services.GetRequiredService<OrderRateLimit>(),
                OrderCreated.TypeInfo(services.GetRequiredService<IOptions<JsonOptions>>().Value)).InvokeAsync;
        });
        return endpoint;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var body = await PlaceOrderBody.ReadAsync(http);
        if ((limit.Refusal(http, body) ?? OrdersApi.UserMismatch(body, http, buyers)) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }
        var placed = await mediator.Send(OrdersApi.RequestOf(body, http), http.RequestAborted);
        if (placed.Reserved) OrdersApi.CreatedOf(placed).Write(http.Response, receipt);
        else await OrderRejection.From(placed).ExecuteAsync(http);
    }
}

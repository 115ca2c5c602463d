using System.Globalization;
using FlashSale.Api.Buyers;
using FlashSale.Api.Http;
using FlashSale.Api.Orders;
using FlashSale.Application.CommandPath;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Limits;

/// <summary>
/// The per-user limit on order placement. It runs once the body is bound, because the user is in the body unless a
/// buyer token names it (then the token's user counts, so nobody spends another user's budget). A repeat of an order id
/// this process already knows is answered without counting (ADR 0014).
/// </summary>
internal sealed class OrderRateLimit(IOptions<RateLimitingOptions> options, OrderIndex orders, BuyerScopes buyers,
    RateLimitRejections rejections, TimeProvider time) : IEndpointFilter
{
    public const string Code = "rate_limited";

    private readonly UserOrderWindows _windows =
        new(options.Value.OrdersPerUser.PermitLimit, options.Value.OrdersPerUser.Window, time);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var body = BodyOf(context);
        var user = buyers.Of(context.HttpContext).UserId ?? body?.UserId;
        if (string.IsNullOrEmpty(user) || body?.OrderId is { } orderId && orders.ItemsOf(orderId).Count > 0)
            return next(context);
        if (_windows.TryCount(user) is not { } wait) return next(context);
        rejections.Record(AdmissionLimit.OrdersPerUser);
        context.HttpContext.Response.Headers.RetryAfter =
            Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.FromResult<object?>(Problems.Create(StatusCodes.Status429TooManyRequests, "Too many orders",
            $"User '{user}' placed {options.Value.OrdersPerUser.PermitLimit} orders within {options.Value.OrdersPerUser.Window}; " +
            "retry after Retry-After seconds. Repeating an order id already placed is not limited.", Code));
    }

    private static PlaceOrderBody? BodyOf(EndpointFilterInvocationContext context)
    {
        for (var i = 0; i < context.Arguments.Count; i++)
            if (context.Arguments[i] is PlaceOrderBody body) return body;
        return null;
    }
}

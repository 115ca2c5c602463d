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
/// this process already knows is answered without counting (ADR 0014). The order endpoint asks it before placing the
/// order (<see cref="PlaceOrderEndpoint"/>).
/// </summary>
internal sealed class OrderRateLimit(IOptions<RateLimitingOptions> options, OrderIndex orders, BuyerScopes buyers,
    RateLimitRejections rejections, TimeProvider time)
{
    public const string Code = "rate_limited";

    private readonly UserOrderWindows _windows =
        new(options.Value.OrdersPerUser.PermitLimit, options.Value.OrdersPerUser.Window, time);

    /// <returns>The 429 of an order beyond its user's limit (<c>Retry-After</c> set); null for an order that may go on.</returns>
    public ProblemResult? Refusal(HttpContext http, PlaceOrderBody body)
    {
        var user = buyers.Of(http).UserId ?? body.UserId;
        if (string.IsNullOrEmpty(user) || body.OrderId is { } orderId && orders.ItemsOf(orderId).Count > 0) return null;
        if (_windows.TryCount(user) is not { } wait) return null;
        rejections.Record(AdmissionLimit.OrdersPerUser);
        http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Create(StatusCodes.Status429TooManyRequests, "Too many orders",
            $"User '{user}' placed {options.Value.OrdersPerUser.PermitLimit} orders within {options.Value.OrdersPerUser.Window}; " +
            "retry after Retry-After seconds. Repeating an order id already placed is not limited.", Code);
    }
}

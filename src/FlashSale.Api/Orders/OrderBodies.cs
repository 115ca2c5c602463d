using System.Reflection;
using FlashSale.Api.Http;

namespace FlashSale.Api.Orders;

/// <remarks>Fields are nullable so that a missing one is reported by the validator with the others.</remarks>
public sealed record PlaceOrderBody(string? OrderId, string? ItemId, string? UserId, int? Quantity)
{
    public static ValueTask<PlaceOrderBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<PlaceOrderBody>(http);
}

/// <param name="ItemId">Optional: which item's order is paid when two items hold an order with this id.</param>
public sealed record PaymentBody(string? PaymentReference, string? ItemId = null)
{
    public static ValueTask<PaymentBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<PaymentBody>(http);
}

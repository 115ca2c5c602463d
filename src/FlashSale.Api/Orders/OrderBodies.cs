using System.Reflection;
using FlashSale.Api.Http;

namespace FlashSale.Api.Orders;

/// <remarks>Fields are nullable so that a missing one is reported by the validator with the others.</remarks>
public sealed record PlaceOrderBody(string? OrderId, string? ItemId, string? UserId, int? Quantity)
{
    public static ValueTask<PlaceOrderBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<PlaceOrderBody>(http);
}

public sealed record PaymentBody(string? PaymentReference)
{
    public static ValueTask<PaymentBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<PaymentBody>(http);
}

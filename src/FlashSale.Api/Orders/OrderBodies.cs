using System.Reflection;
using FlashSale.Api.Http;

namespace FlashSale.Api.Orders;

/// <remarks>Fields are nullable so that a missing one is reported by the validator with the others. Settable properties
/// rather than a constructor: the serializer then sets each field as it reads it, where a constructor's arguments are
/// collected in an array first (the quantity boxed) on every order (ADR 0030).</remarks>
public sealed record PlaceOrderBody
{
    public string? OrderId { get; init; }
    public string? ItemId { get; init; }
    public string? UserId { get; init; }
    public int? Quantity { get; init; }

    public static ValueTask<PlaceOrderBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<PlaceOrderBody>(http);
}

/// <param name="ItemId">Optional: which item's order is paid when two items hold an order with this id.</param>
public sealed record PaymentBody(string? PaymentReference, string? ItemId = null)
{
    public static ValueTask<PaymentBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<PaymentBody>(http);
}

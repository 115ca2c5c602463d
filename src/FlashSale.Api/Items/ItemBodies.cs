using System.Reflection;
using FlashSale.Api.Http;

namespace FlashSale.Api.Items;

/// <remarks>Fields are nullable so that a missing one is reported by the validator with the others.</remarks>
public sealed record ListItemBody(
    string? ItemId,
    string? Name,
    int? Stock,
    int? PerUserLimit,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int? PaymentWindowSeconds)
{
    public static ValueTask<ListItemBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<ListItemBody>(http);
}

/// <param name="OperationId">Optional idempotency key (README, restock): the same one again answers the first restock.</param>
public sealed record RestockBody(int? Quantity, string? Reason, string? OperationId = null)
{
    public static ValueTask<RestockBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<RestockBody>(http);
}

using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using FlashSale.Api.Http;
using FlashSale.Contracts;

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

    public static ValueTask<PlaceOrderBody?> BindAsync(HttpContext http, ParameterInfo parameter) =>
        JsonBody.ReadAsync<PlaceOrderBody>(http, TryReadPlain);

    /// <summary>What <see cref="BindAsync"/> binds; never null (a body that is not an order is a 4xx problem).</summary>
    internal static async ValueTask<PlaceOrderBody> ReadAsync(HttpContext http) =>
        (await JsonBody.ReadAsync<PlaceOrderBody>(http, TryReadPlain))!;

    /// <summary>
    /// The body every client sends (the four fields by their names, each once, strings or null, the quantity an
    /// <c>int</c> or null) read by hand: what the strict serializer reads from it, without its object converter. Anything
    /// else (another casing, an unknown or repeated field, a wrong type, bad JSON) is declined, and the serializer reads
    /// it and answers its problem as it always did.
    /// </summary>
    internal static bool TryReadPlain(ReadOnlySpan<byte> json, [NotNullWhen(true)] out PlaceOrderBody? body)
    {
        body = null;
        string? orderId = null, itemId = null, userId = null;
        int? quantity = null;
        var seen = 0;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("orderId"u8) ? 1 : reader.ValueTextEquals("itemId"u8) ? 2
                    : reader.ValueTextEquals("userId"u8) ? 4 : reader.ValueTextEquals("quantity"u8) ? 8 : 0;
                if (field == 0 || (seen & field) != 0 || !reader.Read()) return false;
                seen |= field;
                if (field == 8)
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)) quantity = value;
                    else if (reader.TokenType != JsonTokenType.Null) return false;
                    continue;
                }
                string? text = null;
                if (reader.TokenType == JsonTokenType.String) text = IdStrings.FromReader(ref reader);
                else if (reader.TokenType != JsonTokenType.Null) return false;
                if (field == 1) orderId = text;
                else if (field == 2) itemId = text;
                else userId = text;
            }
            // The object must end here, and nothing but white space may follow it.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
        body = new PlaceOrderBody { OrderId = orderId, ItemId = itemId, UserId = userId, Quantity = quantity };
        return true;
    }
}

/// <param name="ItemId">Optional: which item's order is paid when two items hold an order with this id.</param>
public sealed record PaymentBody(string? PaymentReference, string? ItemId = null)
{
    public static ValueTask<PaymentBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadAsync<PaymentBody>(http);
}

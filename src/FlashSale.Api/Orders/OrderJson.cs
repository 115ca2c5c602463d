using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashSale.Api.Orders;

/// <summary>
/// Compile-time JSON metadata of what every order reads and writes (the body, the 201 receipt) and of the payment
/// callback: no reflection-built metadata on the hot path. The strict body reader and the HTTP responses put it first in
/// their resolver chains; every other type still resolves through reflection with the same options.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlaceOrderBody))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(PaymentBody))]
[JsonSerializable(typeof(PaymentConfirmation))]
internal sealed partial class OrderJson : JsonSerializerContext;

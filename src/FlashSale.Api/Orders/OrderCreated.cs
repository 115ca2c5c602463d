using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using FlashSale.Api.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Orders;

/// <summary>
/// The 201 of a reserved order: what <c>TypedResults.Created(location, receipt)</c> answers (status, <c>Location</c>,
/// <c>application/json; charset=utf-8</c>, the same bytes from the same JSON options, the same OpenAPI metadata), written
/// into the response's pipe synchronously (<see cref="JsonAnswer{T}"/>). The framework's result starts the response (a
/// flush of the headers), then serializes through an asynchronous state machine and flushes again; every order paid for
/// that. Here the answer leaves in the one flush that ends the request.
/// </summary>
public sealed class OrderCreated(string location, OrderAccepted value)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<OrderAccepted>
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public OrderAccepted Value => value;

    public string Location => location;

    public int StatusCode => StatusCodes.Status201Created;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status201Created;

    object? IValueHttpResult.Value => value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        Write(httpContext.Response, TypeInfo(httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value));
        return Task.CompletedTask;
    }

    /// <summary>The receipt's metadata from the HTTP JSON options: resolved once by the order endpoint, not per request.</summary>
    public static JsonTypeInfo<OrderAccepted> TypeInfo(JsonOptions json) =>
        (JsonTypeInfo<OrderAccepted>)json.SerializerOptions.GetTypeInfo(typeof(OrderAccepted));

    /// <summary>What <see cref="ExecuteAsync"/> answers, with the receipt's metadata given.</summary>
    public void Write(HttpResponse response, JsonTypeInfo<OrderAccepted> typeInfo)
    {
        response.Headers.Location = location;
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = JsonContentType;
        JsonAnswer<OrderAccepted>.Write(response, value, typeInfo);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(OrderAccepted), ["application/json"]));
}

using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Orders;

/// <summary>
/// The 201 of a reserved order: what <c>TypedResults.Created(location, receipt)</c> answers (status, <c>Location</c>,
/// <c>application/json; charset=utf-8</c>, the same bytes from the same JSON options, the same OpenAPI metadata), written
/// into the response's pipe synchronously. The framework's result starts the response (a flush of the headers), then
/// serializes through an asynchronous state machine and flushes again; every order paid for that. Here the answer
/// leaves in the one flush that ends the request.
/// </summary>
public sealed class OrderCreated(string location, OrderAccepted value)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<OrderAccepted>
{
    public const string JsonContentType = "application/json; charset=utf-8";

    [ThreadStatic] private static Utf8JsonWriter? _writer;

    public OrderAccepted Value => value;

    public string Location => location;

    public int StatusCode => StatusCodes.Status201Created;

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status201Created;

    object? IValueHttpResult.Value => value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.Location = location;
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = JsonContentType;
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var typeInfo = (JsonTypeInfo<OrderAccepted>)options.GetTypeInfo(typeof(OrderAccepted));
        var writer = WriterFor(response.BodyWriter, options);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        finally
        {
            writer.Reset();
        }
        return Task.CompletedTask;
    }

    private static Utf8JsonWriter WriterFor(IBufferWriter<byte> body, JsonSerializerOptions options)
    {
        var writerOptions = WriterOptions(options);
        if (_writer is { } cached && SameOptions(cached.Options, writerOptions))
        {
            cached.Reset(body);
            return cached;
        }
        return _writer = new Utf8JsonWriter(body, writerOptions);
    }

    /// <summary>What the serializer's own writer takes from the options.</summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
        SkipValidation = true,
    };

    private static bool SameOptions(JsonWriterOptions a, JsonWriterOptions b) =>
        ReferenceEquals(a.Encoder, b.Encoder) && a.Indented == b.Indented && a.IndentCharacter == b.IndentCharacter
        && a.IndentSize == b.IndentSize && a.NewLine == b.NewLine && a.MaxDepth == b.MaxDepth && a.SkipValidation == b.SkipValidation;

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(OrderAccepted), ["application/json"]));
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FlashSale.LoadTest.Http;

/// <summary>The API as the load test uses it: list items (operator), place orders (buyer), confirm payments
/// (signed callback), read inventory and order status with <c>minPosition</c> (operator key reads any order).</summary>
public sealed class FlashSaleHttp(HttpClient http, string operatorKey, string? callbackSecret, TimeProvider clock)
{
    private const string OperatorHeader = "X-Api-Key";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Task<HttpAnswer> ListItemAsync(string itemId, string name, int stock, int perUserLimit, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/api/items", Body(new { itemId, name, stock, perUserLimit }), operatorKey, null, ct);

    public Task<HttpAnswer> PlaceOrderAsync(OrderRequest order, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/api/orders", Body(order), null, null, ct);

    public Task<HttpAnswer> ConfirmAsync(string orderId, string itemId, CancellationToken ct)
    {
        var body = Body(new { paymentReference = $"lt-{orderId}", itemId });
        var signature = CallbackSignature.Header(callbackSecret ?? "", clock.GetUtcNow().ToUnixTimeSeconds(), body);
        return SendAsync(HttpMethod.Post, $"/api/orders/{Uri.EscapeDataString(orderId)}/payment", body, null, signature, ct);
    }

    public Task<HttpAnswer> GetItemAsync(string itemId, string? minPosition, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"/api/items/{Uri.EscapeDataString(itemId)}{MinPosition(minPosition, '?')}", null, operatorKey, null, ct);

    public Task<HttpAnswer> GetOrderAsync(string orderId, string itemId, string? minPosition, CancellationToken ct) =>
        SendAsync(HttpMethod.Get,
            $"/api/orders/{Uri.EscapeDataString(orderId)}?itemId={Uri.EscapeDataString(itemId)}{MinPosition(minPosition, '&')}",
            null, operatorKey, null, ct);

    private static string MinPosition(string? position, char separator) =>
        position is null ? "" : $"{separator}minPosition={Uri.EscapeDataString(position)}";

    private static byte[] Body<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);

    private async Task<HttpAnswer> SendAsync(HttpMethod method, string path, byte[]? body, string? apiKey, string? signature, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        if (apiKey is not null) request.Headers.Add(OperatorHeader, apiKey);
        if (signature is not null) request.Headers.Add("X-Signature", signature);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return new HttpAnswer((int)response.StatusCode, text, Micros(started));
        }
        catch (HttpRequestException ex)
        {
            return new HttpAnswer(0, ex.Message, Micros(started));
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return new HttpAnswer(0, "timed out: " + ex.Message, Micros(started));
        }
    }

    private static long Micros(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
}

public sealed record OrderRequest(string OrderId, string ItemId, string UserId, int Quantity);

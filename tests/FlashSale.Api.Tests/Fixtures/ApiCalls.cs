using System.Net.Http.Json;
using System.Text;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>The HTTP contract's calls, shared by the in-process factory and the child-process tests.</summary>
public static class ApiCalls
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The payment provider's callback secret every test host is configured with.</summary>
    public const string CallbackSecret = "test-callback-secret-0123456789abcdef";

    public static Task<HttpAnswer> ListItemAsync(this HttpClient operatorClient, string itemId, int stock, int perUserLimit = 1,
        int? paymentWindowSeconds = null)
    {
        var body = new Dictionary<string, object>
        {
            ["itemId"] = itemId,
            ["name"] = $"Flash sale item {itemId}",
            ["stock"] = stock,
            ["perUserLimit"] = perUserLimit,
        };
        if (paymentWindowSeconds is { } window) body["paymentWindowSeconds"] = window;
        return operatorClient.PostJsonAsync("/api/items", body);
    }

    public static Task<HttpAnswer> RestockAsync(this HttpClient operatorClient, string itemId, int quantity, string reason = "restock") =>
        operatorClient.PostJsonAsync($"/api/items/{Uri.EscapeDataString(itemId)}/restock", new { quantity, reason });

    public static Task<HttpAnswer> PlaceOrderAsync(this HttpClient client, string orderId, string itemId, string userId, int quantity = 1,
        CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("/api/orders", new { orderId, itemId, userId, quantity }, cancellationToken);

    public static Task<HttpAnswer> PayAsync(this HttpClient client, string orderId, string paymentReference) =>
        client.PostSignedAsync($"/api/orders/{Uri.EscapeDataString(orderId)}/payment",
            System.Text.Json.JsonSerializer.Serialize(new { paymentReference }));

    /// <summary>Posts <paramref name="body"/> exactly as given, signed as the payment provider signs its callbacks.</summary>
    public static async Task<HttpAnswer> PostSignedAsync(this HttpClient client, string path, string body, string? mediaType = "application/json",
        string secret = CallbackSecret, DateTimeOffset? signedAt = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        if (mediaType is not null) request.Content.Headers.ContentType = new(mediaType);
        var at = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        request.Headers.Add(FlashSale.Payments.Callbacks.CallbackSignature.HeaderName,
            FlashSale.Payments.Callbacks.CallbackSignature.Sign(Encoding.UTF8.GetBytes(secret), at, bytes));
        return await HttpAnswer.ReadAsync(await client.SendAsync(request));
    }

    public static async Task<HttpAnswer> PostJsonAsync(this HttpClient client, string path, object body,
        CancellationToken cancellationToken = default) =>
        await HttpAnswer.ReadAsync(await client.PostAsync(path, JsonContent.Create(body), cancellationToken), cancellationToken);

    /// <summary>Posts <paramref name="body"/> exactly as given, for malformed and hostile requests.</summary>
    public static async Task<HttpAnswer> PostRawAsync(this HttpClient client, string path, string body, string? mediaType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (mediaType is not null) content.Headers.ContentType = new(mediaType);
        return await HttpAnswer.ReadAsync(await client.PostAsync(path, content));
    }
}

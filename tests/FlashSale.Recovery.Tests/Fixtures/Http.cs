using System.Net;
using System.Net.Http.Json;

namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>A fully read answer: status and the exact body bytes, compared byte for byte.</summary>
public sealed record HttpAnswer(HttpStatusCode Status, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public bool SameAs(HttpAnswer other) => Status == other.Status && Body.AsSpan().SequenceEqual(other.Body);

    /// <summary>The log position the command's answer carries (201 and 409 bodies both have one).</summary>
    public ulong Position
    {
        get
        {
            using var json = System.Text.Json.JsonDocument.Parse(Body);
            return ulong.Parse(json.RootElement.GetProperty("position").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public override string ToString() => $"{(int)Status}: {Text}";
}

public static class Http
{
    public static async Task<HttpAnswer> ListItemAsync(this HttpClient client, string itemId, int stock) =>
        await ReadAsync(await client.PostAsJsonAsync("/api/items", new { itemId, name = itemId, stock, perUserLimit = 1 }));

    public static async Task<HttpAnswer> PlaceOrderAsync(this HttpClient client, string orderId, string itemId, string userId,
        CancellationToken cancellationToken = default) =>
        await ReadAsync(await client.PostAsJsonAsync("/api/orders", new { orderId, itemId, userId, quantity = 1 }, cancellationToken));

    public static async Task<HttpAnswer> GetAnswerAsync(this HttpClient client, string path) => await ReadAsync(await client.GetAsync(path));

    private static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response)
    {
        using (response) return new HttpAnswer(response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FlashSale.Benchmarks.Http;

/// <summary>The inventory read model of one item (<c>GET /api/items/{itemId}</c>).</summary>
public sealed record Inventory(string ItemId, int InitialStock, int Restocked, int Available, int Reserved, int Sold, int Released,
    int RejectedOrders)
{
    public int Stock => InitialStock + Restocked;
}

/// <summary>The few calls the benchmark makes outside wrk: list the items, place the probe order, read the inventory.</summary>
public sealed class SaleClient(ApiProcess api) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = api.Url, Timeout = TimeSpan.FromSeconds(30) };

    public async Task ListAsync(IReadOnlyList<string> itemIds, int stock)
    {
        await Parallel.ForEachAsync(itemIds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (itemId, ct) =>
        {
            using var request = Operator(HttpMethod.Post, "/api/items");
            request.Content = JsonContent.Create(new { itemId, name = itemId, stock, perUserLimit = stock });
            using var answer = await _http.SendAsync(request, ct);
            if (answer.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"Listing {itemId}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
        });
    }

    /// <summary>One more order after the crowd: its position is at or after every answer the crowd got.</summary>
    public async Task<string> PlaceProbeAsync(string itemId, string orderId)
    {
        using var answer = await _http.PostAsJsonAsync("/api/orders", new { orderId, itemId, userId = orderId, quantity = 1 });
        var body = await answer.Content.ReadAsStringAsync();
        if (answer.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Probe order: {(int)answer.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("position").GetString()!;
    }

    /// <summary>The inventory as of <paramref name="minPosition"/>: waits while the read model is behind.</summary>
    public async Task<Inventory> InventoryAsync(string itemId, string minPosition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            using var request = Operator(HttpMethod.Get, $"/api/items/{Uri.EscapeDataString(itemId)}?minPosition={minPosition}");
            using var answer = await _http.SendAsync(request);
            if (answer.IsSuccessStatusCode)
                return (await answer.Content.ReadFromJsonAsync<Inventory>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
            if (answer.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Inventory of {itemId}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            await Task.Delay(250);
        }
    }

    private HttpRequestMessage Operator(HttpMethod method, string path) =>
        new(method, path) { Headers = { { "X-Api-Key", api.OperatorKey } } };

    public void Dispose() => _http.Dispose();
}

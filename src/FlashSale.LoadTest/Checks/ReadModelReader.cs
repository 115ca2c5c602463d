using System.Text.Json;
using FlashSale.LoadTest.Http;

namespace FlashSale.LoadTest.Checks;

/// <summary>Reads the models at a position, waiting while they answer <c>503 read_model.behind</c>.</summary>
public sealed class ReadModelReader(FlashSaleHttp api, TimeSpan patience)
{
    public async Task<(InventoryAnswer? Inventory, HttpAnswer Answer)> InventoryAsync(string itemId, string? minPosition, CancellationToken ct)
    {
        var answer = await PatientlyAsync(() => api.GetItemAsync(itemId, minPosition, ct), ct);
        if (answer.Status != 200) return (null, answer);
        var row = JsonDocument.Parse(answer.Body).RootElement;
        long Of(string name) => row.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;
        return (new InventoryAnswer(Of("initialStock"), Of("restocked"), Of("available"), Of("reserved"), Of("sold"), Of("released"),
            Of("rejectedOrders")), answer);
    }

    public Task<HttpAnswer> OrderAsync(string orderId, string itemId, string? minPosition, CancellationToken ct) =>
        PatientlyAsync(() => api.GetOrderAsync(orderId, itemId, minPosition, ct), ct);

    private async Task<HttpAnswer> PatientlyAsync(Func<Task<HttpAnswer>> read, CancellationToken ct)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            var answer = await read();
            if (answer.Status != 503 || DateTime.UtcNow > until) return answer;
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }
}

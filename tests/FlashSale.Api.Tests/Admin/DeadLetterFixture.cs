using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Admin;

/// <summary>
/// Dead letters made by a first API whose gateway times out every charge, then served by a second API on the same
/// data without a gateway, so that an operator's retry stays reserved instead of timing out again.
/// </summary>
public sealed class DeadLetterFixture : IAsyncLifetime
{
    public readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", "dlq-" + Guid.NewGuid().ToString("N"));

    public FlashSaleApiFactory Api { get; private set; } = null!;

    /// <summary>Item with two open dead letters that no test changes.</summary>
    public string ListedItem { get; } = Ids.New("dlq-list");
    public string RetryItem { get; } = Ids.New("dlq-retry");
    public string DiscardItem { get; } = Ids.New("dlq-discard");
    public string SoldOutItem { get; } = Ids.New("dlq-soldout");

    public Dictionary<string, List<string>> OrdersOf { get; } = [];

    public async Task InitializeAsync()
    {
        using (var failing = Create(new() { ["Payments:ProcessorEnabled"] = "true", ["Payments:TimeoutRate"] = "1", ["Payments:GatewayLatencyMs"] = "0" }))
        {
            foreach (var (item, count) in new[] { (ListedItem, 2), (RetryItem, 1), (DiscardItem, 1), (SoldOutItem, 1) })
            {
                await failing.ListItemAsync(item, stock: 1, perUserLimit: 1);
                OrdersOf[item] = [];
                for (var i = 0; i < count; i++)
                {
                    var orderId = Ids.New("dead");
                    await failing.PlaceOrderAsync(orderId, item, $"{item}-buyer-{i}");
                    OrdersOf[item].Add(orderId);
                    // One at a time: each must time out and give the unit back before the next buyer can reserve it.
                    await EventLog.WaitForAsync(() => failing.ReadItemAsync(item), e => e.OfOrder<StockReleased>(orderId).Count > 0,
                        TimeSpan.FromSeconds(20), $"the timeout of {orderId}");
                }
            }
        }
        Api = Create([]);
        var head = (await Api.HeadAsync())!.Value.ToToken();
        (await Api.Operator.QueryAsync("/api/admin/dlq", head)).Items().Count.ShouldBe(5);
    }

    private FlashSaleApiFactory Create(Dictionary<string, string?> settings)
    {
        settings["Storage:DataDirectory"] = DataDirectory;
        return new FlashSaleApiFactory(settings);
    }

    public Task DisposeAsync()
    {
        Api.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
        return Task.CompletedTask;
    }
}

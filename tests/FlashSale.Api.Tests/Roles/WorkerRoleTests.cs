using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.EventStore.Sqlite;

namespace FlashSale.Api.Tests.Roles;

[Collection(ProcessCollection.Name)]
public sealed class WorkerRoleTests : IDisposable
{
    private readonly RoleProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task a_worker_answers_health_readiness_and_metrics_and_404_api_not_served_for_the_api()
    {
        var worker = await _processes.StartAsync("projector,payments", RoleProcesses.FastLeases("worker"));
        using var client = worker.CreateClient(ApiProcess.OperatorKey);

        await Readiness.WaitUntilAsync(worker, projector: "leader", payments: "leader", TimeSpan.FromSeconds(30));
        var metrics = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !metrics.Contains("flashsale_event_store_up 1") && DateTime.UtcNow < deadline;)
        {
            metrics = await client.GetStringAsync("/metrics");
            await Task.Delay(200);
        }
        metrics.ShouldContain("flashsale_event_store_up 1");
        metrics.ShouldContain("flashsale_read_store_up 1");

        var items = await HttpAnswer.ReadAsync(await client.GetAsync("/api/items"));
        items.Status.ShouldBe(HttpStatusCode.NotFound, items.ToString());
        items.Code.ShouldBe("api.not_served");
        items.String("detail").ShouldContain("projector+payments");
        var order = await client.PlaceOrderAsync("order-1", "sku-1", "user-1");
        order.Status.ShouldBe(HttpStatusCode.NotFound, order.ToString());
        order.Code.ShouldBe("api.not_served");
    }

    [Fact]
    public async Task an_api_process_takes_orders_but_neither_projects_nor_settles_payments_nor_holds_a_lease()
    {
        var api = await _processes.StartAsync("api", RoleProcesses.FastLeases("api"));
        using var operatorClient = api.CreateClient(ApiProcess.OperatorKey);
        using var buyer = api.CreateClient();

        (await operatorClient.ListItemAsync("sku-api", stock: 1)).Status.ShouldBe(HttpStatusCode.Created);
        (await buyer.PlaceOrderAsync("order-api", "sku-api", "user-1")).Status.ShouldBe(HttpStatusCode.Created);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // three lease renewals, were it running either

        (await Readiness.RolesOfAsync(api)).ShouldBe(("off", "off"));
        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_processes.Data.Path));
        (await store.ReadStreamAsync("lease-projector").ToListAsync()).ShouldBeEmpty();
        (await store.ReadStreamAsync("lease-payments").ToListAsync()).ShouldBeEmpty();
        (await EventLog.ReadItemAsync(store, "sku-api")).OfType<FlashSale.Domain.Items.ChargeStarted>().ShouldBeEmpty();
    }
}

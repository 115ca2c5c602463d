using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Process;

[Collection(ProcessCollection.Name)]
public sealed class SweeperAfterRestartTests : IDisposable
{
    private readonly TempDataDirectory _data = new();
    private readonly List<ApiProcess> _processes = [];

    [Fact]
    public async Task a_reservation_whose_window_passed_while_the_api_was_down_is_released_after_restart()
    {
        var port = ApiProcess.FreePort();
        var itemId = Ids.New("swept");
        var orderId = Ids.New("order");

        // First life: no payments at all (neither processor nor sweeper), a 2 s payment window.
        var first = Started(await ApiProcess.StartAsync(_data.Path, port, new Dictionary<string, string>
        {
            ["Payments__Enabled"] = "false",
            ["Sales__DefaultPaymentWindowSeconds"] = "2",
        }));
        using (var operatorClient = first.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, stock: 1)).Status.ShouldBe(HttpStatusCode.Created);
        using (var buyer = first.CreateClient())
            (await buyer.PlaceOrderAsync(orderId, itemId, "absent-payer")).Status.ShouldBe(HttpStatusCode.Created);
        first.Kill();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        (await EventLog.ReadItemAsync(_data.Path, itemId)).OfType<PaymentTimedOut>().ShouldBeEmpty("nothing swept while down");

        // Second life: the sweeper runs (processor still off) and must find the overdue reservation in the log.
        var second = Started(await ApiProcess.StartAsync(_data.Path, port, new Dictionary<string, string>
        {
            ["Payments__SweepIntervalSeconds"] = "0.2",
            ["Sales__DefaultPaymentWindowSeconds"] = "2",
        }));
        var events = await EventLog.WaitForAsync(() => EventLog.ReadItemAsync(_data.Path, itemId),
            e => e.OfOrder<StockReleased>(orderId).Count > 0, TimeSpan.FromSeconds(15), $"the sweeper to release {orderId}\n{second.Output}");

        events.OfOrder<PaymentTimedOut>(orderId).ShouldHaveSingleItem().Cause.ShouldBe(TimeoutCauses.DeadlinePassed);
        events.OfOrder<StockReleased>(orderId).ShouldHaveSingleItem().Quantity.ShouldBe(1);
        events.ShouldNeverOversell();
        using var nextBuyer = second.CreateClient();
        var next = await nextBuyer.PlaceOrderAsync(Ids.New("order"), itemId, "next-buyer");
        next.Status.ShouldBe(HttpStatusCode.Created, next.ToString());
        var late = await nextBuyer.PayAsync(orderId, "too-late-ref");
        late.Status.ShouldBe(HttpStatusCode.Conflict);
        late.Code.ShouldBe("payment.timed_out");
    }

    private ApiProcess Started(ApiProcess process)
    {
        _processes.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        _data.Dispose();
    }
}

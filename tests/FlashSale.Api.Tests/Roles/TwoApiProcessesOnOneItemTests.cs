using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Domain.Items;

namespace FlashSale.Api.Tests.Roles;

/// <summary>
/// Two api processes on one SQLite data directory, both taking orders for one hot item at once: each process's writer for
/// the item appends with the revision it knows, the other process's appends make that stale, and the writer catches up
/// and decides again. The stock is sold exactly once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class TwoApiProcessesOnOneItemTests : IDisposable
{
    // More than either process's share of the buyers: both must sell, and the item sells out across them.
    private const int Stock = 150;
    private const int Buyers = 240;
    private readonly RoleProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task two_api_processes_racing_for_one_hot_item_never_oversell_and_answer_what_the_log_holds()
    {
        var first = await _processes.StartAsync("api,projector,payments");
        var second = await _processes.StartAsync("api");
        var itemId = Ids.New("hot");
        using (var operatorClient = first.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
        using var a = first.CreateClient();
        using var b = second.CreateClient();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, Buyers).Select(async i =>
        {
            await start.Task;
            var answer = await (i % 2 == 0 ? a : b).PlaceOrderAsync($"order-{i}", itemId, $"user-{i}");
            return (OrderId: $"order-{i}", Answer: answer);
        }).ToList();
        start.SetResult();
        var orders = await Task.WhenAll(calls);

        orders.ShouldAllBe(o => o.Answer.Status == HttpStatusCode.Created || o.Answer.Code == RejectionReasons.SoldOut);
        var accepted = orders.Where(o => o.Answer.Status == HttpStatusCode.Created).Select(o => o.OrderId).ToHashSet();
        accepted.Count.ShouldBe(Stock);
        var log = await EventLog.ReadItemAsync(_processes.Data.Path, itemId);
        log.ShouldNeverOversell();
        log.OfType<StockReserved>().Select(e => e.OrderId).ToHashSet().SetEquals(accepted).ShouldBeTrue("the 201s are the reservations the log holds");
        log.OfType<OrderPlaced>().GroupBy(e => e.OrderId).ShouldAllBe(g => g.Count() == 1, "every order decided once");
        log.OfType<OrderPlaced>().Count().ShouldBe(Buyers);
        // Both processes really wrote to the item: otherwise this proved nothing about two writers.
        orders.Where((o, i) => i % 2 == 1).Count(o => o.Answer.Status == HttpStatusCode.Created).ShouldBeGreaterThan(0);
        orders.Where((o, i) => i % 2 == 0).Count(o => o.Answer.Status == HttpStatusCode.Created).ShouldBeGreaterThan(0);
    }
}

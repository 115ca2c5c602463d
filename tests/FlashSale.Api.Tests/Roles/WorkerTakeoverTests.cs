using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Sqlite;
using FlashSale.Subscriptions.Leases;

namespace FlashSale.Api.Tests.Roles;

/// <summary>
/// The production shape on one SQLite data directory: an api process takes orders, two workers (projector + payments)
/// elect one active instance each role (projector: the read store's lock file; payments: the lease in the log). kill -9 of the active worker while orders arrive: the standby takes both roles over
/// within the lease and a margin, nothing is applied twice and no reservation is left unsettled.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class WorkerTakeoverTests : IDisposable
{
    private const int Stock = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);
    // The bound a takeover must meet: the lease running out, then a standby's next look, on a machine that may be slow.
    private static readonly TimeSpan TakeoverBound = Lease + TimeSpan.FromSeconds(15);
    private readonly RoleProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task the_standby_worker_takes_over_projections_and_payments_after_kill_9_and_nothing_is_applied_twice_or_stranded()
    {
        var api = await _processes.StartAsync("api");
        var active = await _processes.StartAsync("projector,payments", RoleProcesses.FastLeases("worker-a"));
        await Readiness.WaitUntilAsync(active, "leader", "leader", TimeSpan.FromSeconds(30));
        var standby = await _processes.StartAsync("projector,payments", RoleProcesses.FastLeases("worker-b"));
        await Readiness.WaitUntilAsync(standby, "standby", "standby", TimeSpan.FromSeconds(30));

        var itemId = Ids.New("takeover");
        using (var operatorClient = api.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, Stock, paymentWindowSeconds: 6)).Status.ShouldBe(HttpStatusCode.Created);
        using var buyer = api.CreateClient();
        var placed = 0;
        async Task PlaceAsync(int count)
        {
            for (var i = 0; i < count; i++, placed++)
            {
                var answer = await buyer.PlaceOrderAsync($"order-{placed}", itemId, $"user-{placed}");
                answer.Status.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.Conflict], answer.ToString());
            }
        }

        await PlaceAsync(30);
        var orders = PlaceAsync(30); // still arriving while the active worker dies
        active.Kill();
        var takeover = await Readiness.WaitUntilAsync(standby, "leader", "leader", TakeoverBound);
        await orders;
        await PlaceAsync(30);

        takeover.ShouldBeLessThanOrEqualTo(TakeoverBound);
        var log = await EventLog.WaitForAsync(() => EventLog.ReadItemAsync(_processes.Data.Path, itemId), AllSettled,
            TimeSpan.FromSeconds(90), "every reservation to be paid or released");
        log.ShouldNeverOversell();
        log.OfType<PaymentConfirmed>().GroupBy(e => e.OrderId).ShouldAllBe(g => g.Count() == 1, "no order is paid twice");
        log.OfType<StockReleased>().GroupBy(e => (e.OrderId, e.Retry)).ShouldAllBe(g => g.Count() == 1, "no reservation is released twice");
        log.OfType<OrderPlaced>().Count().ShouldBe(90);

        var inventory = await ItemAfterAsync(api, itemId);
        var sold = log.OfType<PaymentConfirmed>().Sum(e => e.Quantity);
        inventory.Json.Int("reserved").ShouldBe(0, inventory.ToString());
        inventory.Json.Int("sold").ShouldBe(sold, "the projection counted each payment once");
        inventory.Json.Int("released").ShouldBe(log.OfType<StockReleased>().Sum(e => e.Quantity));
        inventory.Json.Int("available").ShouldBe(Stock - sold);
        using (var operatorClient = api.CreateClient(ApiProcess.OperatorKey))
        {
            var verify = await operatorClient.QueryAsync("/api/admin/audit/verify");
            verify.Json.GetProperty("clean").GetBoolean().ShouldBeTrue($"read models equal a clean replay: {verify}");
        }
        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_processes.Data.Path));
        var terms = (await store.ReadStreamAsync("lease-payments").ToListAsync()).Select(LeaseEvents.Read).ToList();
        terms.Select(t => t!.Holder).Distinct().ShouldBe(["worker-a", "worker-b"], "the payments lease: a, then b after the kill");
        // The embedded read store's projector lease is its lock file (nothing in the log): b holds it now.
        (await store.ReadStreamAsync("lease-projector").ToListAsync()).ShouldBeEmpty();
        File.ReadAllText(Path.Combine(_processes.Data.Path, "projector.lock.owner")).ShouldStartWith($"pid {standby.Id} on");
    }

    /// <summary>Every reservation (each retry its own) has its end: paid, or timed out and released.</summary>
    private static bool AllSettled(IReadOnlyList<ItemEvent> log)
    {
        var ended = log.OfType<PaymentConfirmed>().Select(e => (e.OrderId, Retry: -1))
            .Concat(log.OfType<StockReleased>().Select(e => (e.OrderId, e.Retry))).ToHashSet();
        return log.OfType<StockReserved>().All(r => ended.Contains((r.OrderId, -1)) || ended.Contains((r.OrderId, r.Retry)));
    }

    /// <summary>The inventory row once the projection (run by whichever worker leads now) has applied the item's last event.</summary>
    private async Task<QueryAnswer> ItemAfterAsync(ApiProcess api, string itemId)
    {
        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_processes.Data.Path));
        var last = (await store.ReadStreamAsync(ItemStreams.For(itemId)).ToListAsync())[^1].Position.ToToken();
        using var client = api.CreateClient();
        var answer = await client.QueryAsync($"/api/items/{itemId}", last);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); answer.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline;)
            answer = await client.QueryAsync($"/api/items/{itemId}", last);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return answer;
    }
}

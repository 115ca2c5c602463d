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
        var log = await EventLog.WaitForAsync(() => EventLog.ReadItemAsync(_processes.Data.Path, itemId), Settlement.AllSettled,
            TimeSpan.FromSeconds(90), "every reservation to be paid or released");
        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_processes.Data.Path));
        await Settlement.ShouldBeAppliedOnceAsync(log, store, api, itemId, Stock, orders: 90);
        var terms = (await store.ReadStreamAsync("lease-payments").ToListAsync()).Select(LeaseEvents.Read).ToList();
        terms.Select(t => t!.Holder).Distinct().ShouldBe(["worker-a", "worker-b"], "the payments lease: a, then b after the kill");
        // The embedded read store's projector lease is its lock file (nothing in the log): b holds it now.
        (await store.ReadStreamAsync("lease-projector").ToListAsync()).ShouldBeEmpty();
        File.ReadAllText(Path.Combine(_processes.Data.Path, "projector.lock.owner")).ShouldStartWith($"pid {standby.Id} on");
    }
}

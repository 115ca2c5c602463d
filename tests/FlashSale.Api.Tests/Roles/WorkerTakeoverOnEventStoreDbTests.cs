using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.Subscriptions.Leases;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Roles;

/// <summary>
/// The docker-compose topology: the log in EventStoreDB (the loopback double, spoken to over gRPC by every process), the
/// read models in PostgreSQL, an api process and two workers (projector + payments) whose leases are both streams in the
/// log (<c>lease-projector</c>, <c>lease-payments</c>). kill -9 of the active worker while orders arrive: the standby takes
/// both roles over within the lease and a margin, nothing is applied twice, no reservation is left unsettled.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class WorkerTakeoverOnEventStoreDbTests : IAsyncLifetime
{
    private const int Stock = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);
    // The lease running out, then a standby's next look, on a loaded machine whose event store shares the test's process.
    private static readonly TimeSpan TakeoverBound = Lease + TimeSpan.FromSeconds(30);
    private readonly RoleProcesses _processes = new();
    private EventStoreDbDouble _server = null!;
    private LocalPostgres _postgres = null!;

    public async Task InitializeAsync()
    {
        _server = await EventStoreDbDouble.StartAsync();
        _postgres = await LocalPostgres.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _processes.Dispose();
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task the_standby_worker_takes_over_both_leases_in_eventstoredb_after_kill_9_and_nothing_is_applied_twice_or_stranded()
    {
        var api = await _processes.StartAsync("api", Stores());
        var active = await _processes.StartAsync("projector,payments", Stores(RoleProcesses.FastLeases("worker-a")));
        await Readiness.WaitUntilAsync(active, "leader", "leader", TimeSpan.FromSeconds(60));
        var standby = await _processes.StartAsync("projector,payments", Stores(RoleProcesses.FastLeases("worker-b")));
        await Readiness.WaitUntilAsync(standby, "standby", "standby", TimeSpan.FromSeconds(60));

        var itemId = Ids.New("esdb-takeover");
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
        await using var store = EventStoreDbEventStore.Connect(_server.ConnectionString);
        var log = await EventLog.WaitForAsync(() => EventLog.ReadItemAsync(store, itemId), Settlement.AllSettled,
            TimeSpan.FromSeconds(120), "every reservation to be paid or released");
        await Settlement.ShouldBeAppliedOnceAsync(log, store, api, itemId, Stock, orders: 90);
        foreach (var lease in new[] { "lease-payments", "lease-projector" })
        {
            var terms = (await store.ReadStreamAsync(lease).ToListAsync()).Select(LeaseEvents.Read).ToList();
            terms.Select(t => t!.Holder).Distinct().ShouldBe(["worker-a", "worker-b"], $"{lease}: a, then b after the kill");
        }
    }

    /// <summary>Every process on the same two servers, as docker-compose.yml wires them.</summary>
    private Dictionary<string, string> Stores(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["EventStore__Provider"] = "EventStoreDb",
            ["EventStore__ConnectionString"] = _server.ConnectionString,
            ["ReadStore__Provider"] = "PostgreSql",
            ["ReadStore__ConnectionString"] = _postgres.ConnectionString,
        };
        return all;
    }
}

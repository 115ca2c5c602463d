using System.Net;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Domain.Items;
using FlashSale.Projections.PendingReservations;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;

namespace FlashSale.Api.Tests.Restart;

/// <summary>Restarts of the real API on a log it has seen before: it listens at once, says what catches up, and starts the
/// order index and the pending reservations from their checkpointed projections (ADR 0019).</summary>
[Collection(ProcessCollection.Name)]
public sealed class RestartProcessTests : IDisposable
{
    private const int Items = 4;
    private readonly TempDataDirectory _data = new();
    private readonly List<ApiProcess> _processes = [];
    // The output is read on its own thread: a line written during the start may arrive after the start returned.
    private static readonly TimeSpan OutputTimeout = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> Informative = new()
    {
        ["Logging__LogLevel__FlashSale.Application.CommandPath.OrderIndexFeeder"] = "Information",
        ["Logging__LogLevel__FlashSale.Payments.PaymentsWorker"] = "Information",
    };

    [Fact]
    public async Task liveness_answers_before_readiness_and_an_old_order_finds_its_item_after_restart()
    {
        await GeneratedSale.AppendAsync(_data.Path, Items, 0, 10_000);
        // Small projection batches keep the first start catching up long enough to be seen, however fast the machine is.
        // One event per commit: the window in which the checkpoint stands between the start and the head is ~3,000 fsyncs
        // long (at 10 a commit, writers that skip loads of rows they never wrote caught up between two polls, ADR 0029).
        var slow = new Dictionary<string, string>(Informative) { ["ReadModels__BatchSize"] = "1" };
        var first = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), slow, waitUntilCaughtUp: false));
        var starting = await ReadinessWhileLiveAsync(first);

        starting.GetProperty("status").GetString().ShouldBe("starting", starting.ToString());
        starting.GetProperty("catchingUp").EnumerateObject().Select(p => p.Name)
            .ShouldBeSubsetOf(["order-index", "payments", "projections"], starting.ToString());
        await first.WaitUntilCaughtUpAsync(TimeSpan.FromSeconds(240));
        await first.TerminateAsync();
        (await first.WaitForExitAsync(TimeSpan.FromSeconds(180))).ShouldNotBeNull("a terminated API exits once it has drained");

        var second = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), Informative));
        await second.WaitForOutputAsync("order_index_restored", OutputTimeout);
        await second.WaitForOutputAsync("payments_restored", OutputTimeout);
        using var client = second.CreateClient();
        var paid = await client.PayAsync(GeneratedSale.OrderId(0), "ref-old-order");
        paid.Status.ShouldBe(HttpStatusCode.OK, paid.ToString());
        paid.String("itemId").ShouldBe(GeneratedSale.ItemOf(0, Items));
        var reused = await client.PlaceOrderAsync(GeneratedSale.OrderId(9_999), GeneratedSale.ItemOf(0, Items), "u-other");
        reused.Code.ShouldBe("order.id_reused", reused.ToString());
    }

    [Fact]
    public async Task a_kill_9_while_persisting_loses_nothing_and_every_reservation_is_settled_once_across_restarts()
    {
        const int orders = 1_500;
        var head = await GeneratedSale.AppendAsync(_data.Path, Items, 0, orders);
        // One event per commit: the window in which the checkpoint stands between the start and the head is ~3,000 fsyncs
        // long (at 10 a commit, writers that skip loads of rows they never wrote caught up between two polls, ADR 0029).
        var slow = new Dictionary<string, string>(Informative) { ["ReadModels__BatchSize"] = "1" };
        var first = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), slow, waitUntilCaughtUp: false));
        var killedAt = await KillWhilePersistingAsync(first, head);

        var (checkpoint, pending) = await PersistedReservationsAsync();
        checkpoint.ShouldBe(killedAt);
        var reservedUpTo = (await ReservedAsync()).Count(r => r.Position <= checkpoint);
        pending.ShouldBe(reservedUpTo, "the persisted reservations are exactly those up to their checkpoint: a kill never splits a commit");

        var charging = new Dictionary<string, string>(Informative)
        {
            ["Payments__ProcessorEnabled"] = "true", ["Payments__GatewayLatencyMs"] = "0", ["Payments__TimeoutRate"] = "0",
        };
        var second = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), charging));
        await second.WaitForOutputAsync("payments_restored", OutputTimeout);
        await Eventually(async () => (await SettledAsync()).Count > 0, "the restarted processor charges");
        second.Kill(); // in the middle of charging

        var third = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), charging));
        await Eventually(async () => (await SettledAsync()).Count == orders, "every reservation is settled after the second restart");
        var settled = await SettledAsync();
        settled.GroupBy(s => s.OrderId).ShouldAllBe(g => g.Count() == 1, "settled once: never charged twice, never released and paid");
        await Eventually(async () => (await PersistedReservationsAsync()).Pending == 0, "no reservation is left pending (stranded)");
        third.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task checkpoints_beyond_the_head_of_a_restored_shorter_log_are_not_used_and_nothing_unknown_is_charged()
    {
        await GeneratedSale.AppendAsync(_data.Path, Items, 0, 2_000);
        var first = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), Informative));
        await first.TerminateAsync();
        (await first.WaitForExitAsync(TimeSpan.FromSeconds(180))).ShouldNotBeNull("a terminated API exits once it has drained");
        // The event store goes back to an older, shorter log; the read store (with both checkpoints) is kept.
        foreach (var file in Directory.GetFiles(_data.Path, "events.db*")) File.Delete(file);
        await GeneratedSale.AppendAsync(_data.Path, Items, 0, 10);

        var charging = new Dictionary<string, string>(Informative)
        {
            ["Payments__ProcessorEnabled"] = "true", ["Payments__GatewayLatencyMs"] = "0", ["Payments__TimeoutRate"] = "0",
        };
        var second = Started(await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), charging));
        await second.WaitForOutputAsync("order_index_not_restored", OutputTimeout);
        await second.WaitForOutputAsync("payments_not_restored", OutputTimeout);
        await second.WaitForOutputAsync("beyond the log's head", OutputTimeout);
        using var client = second.CreateClient();
        var unknown = await client.PayAsync(GeneratedSale.OrderId(1_500), "ref-not-in-this-log");
        unknown.Code.ShouldBe("order.not_found", unknown.ToString());
        await Eventually(async () => (await SettledAsync()).Count == 10, "the ten reservations of the restored log are settled");
        (await SettledAsync()).Select(s => s.OrderId).ShouldBe(Enumerable.Range(0, 10).Select(GeneratedSale.OrderId), ignoreOrder: true);
    }

    private static async Task<JsonElement> ReadinessWhileLiveAsync(ApiProcess api)
    {
        // A busy start may take long to answer; the log is large enough that it still catches up after a slow answer.
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(240);
        while (DateTime.UtcNow < deadline)
        {
            using var live = await client.GetAsync("/health");
            live.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var ready = await client.GetAsync("/health/ready");
            var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.Clone();
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable && body.GetProperty("status").GetString() == "starting") return body;
            if (body.GetProperty("status").GetString() is "healthy" or "degraded")
                throw new ShouldAssertException("readiness was ready before it was ever seen catching up: the log is too small for this machine");
            await Task.Delay(10);
        }
        throw new ShouldAssertException("readiness never answered");
    }

    /// <summary>Kills the API once the pending reservations' checkpoint has moved but not reached the head.</summary>
    private async Task<EventStore.LogPosition?> KillWhilePersistingAsync(ApiProcess api, EventStore.LogPosition head)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(240);
        while (DateTime.UtcNow < deadline)
        {
            if (await CheckpointAsync() is { } position && position < head)
            {
                api.Kill();
                return await CheckpointAsync();
            }
            await Task.Delay(5);
        }
        throw new ShouldAssertException($"the pending reservations' checkpoint never stood between the start and {head}:\n{api.Output}");
    }

    private async Task<EventStore.LogPosition?> CheckpointAsync()
    {
        if (!File.Exists(ReadStorePath)) return null;
        await using var store = SqliteReadModelStore.Open(ReadStorePath);
        try
        {
            return (await store.ReadCheckpointAsync(PendingReservationProjection.ProjectionName, ReadModelSlot.Live))?.Position;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null; // tables not created yet
        }
    }

    private async Task<(EventStore.LogPosition? Checkpoint, int Pending)> PersistedReservationsAsync()
    {
        await using var store = SqliteReadModelStore.Open(ReadStorePath);
        var rows = 0;
        var checkpoint = await store.ReadSnapshotAsync(new PendingReservationProjection(), _ => rows++);
        return (checkpoint?.Position, rows);
    }

    private async Task<IReadOnlyList<(EventStore.LogPosition Position, string OrderId)>> ReservedAsync() =>
        [.. (await GeneratedSale.ReadWithPositionsAsync(_data.Path)).Where(e => e.Event is StockReserved)
            .Select(e => (e.Position, ((StockReserved)e.Event).OrderId))];

    private async Task<IReadOnlyList<(string OrderId, string Settlement)>> SettledAsync() =>
        [.. (await GeneratedSale.ReadWithPositionsAsync(_data.Path)).Select(e => e.Event)
            .Where(e => e is PaymentConfirmed or PaymentTimedOut).Select(e => (((OrderEvent)e).OrderId, e.GetType().Name))];

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(240);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"not within 240 s: {what}");
            await Task.Delay(200);
        }
    }

    private string ReadStorePath => Path.Combine(_data.Path, "readmodels.db");

    private ApiProcess Started(ApiProcess api)
    {
        _processes.Add(api);
        return api;
    }

    public void Dispose()
    {
        foreach (var api in _processes) api.Dispose();
        _data.Dispose();
    }
}

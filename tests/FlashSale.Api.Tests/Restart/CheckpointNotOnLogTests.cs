using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.EventStore.Logging;
using FlashSale.EventStore.Sqlite.Backup;
using FlashSale.Projections;
using FlashSale.Projections.OrderItems;
using FlashSale.Projections.PendingReservations;
using FlashSale.ReadModels.Storage;
using FlashSale.Testing.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Restart;

/// <summary>
/// The event store goes back to another log (an earlier backup restored, a fresh EventStoreDB) while the read store is
/// kept (ADR 0020): every projection whose checkpoint lies beyond the new head, or whose checkpoint's event the new log does
/// not hold there (it grew past the old checkpoint with other events), is emptied and replays the new log, so no stock or
/// order of the lost events stays in the read models and the new log's orders are projected at once.
/// </summary>
public sealed class CheckpointNotOnLogTests : IDisposable
{
    private const string BeyondHead = "beyond the log's head";
    private const string OtherEvent = "which this log does not hold there";
    private const string DifferentEvent = "this log holds a different event there";
    /// <summary>Orders placed on the other log: more than were lost, so its head lies beyond the old checkpoints.</summary>
    private const int Grown = Lost + 5;

    private const int Stock = 100;
    private const int Kept = 5;
    private const int Lost = 25;
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(120);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", "head-" + Guid.NewGuid().ToString("N"));
    private readonly string _itemId = Ids.New("restored");

    public CheckpointNotOnLogTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task on_sqlite_an_earlier_backup_restored_under_a_kept_read_store_is_projected_from_the_start()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = _directory };
        await RestoreAnEarlierBackupAsync(settings);

        await ShouldFollowTheNewLogAsync(settings, Kept, BeyondHead);
    }

    [Fact]
    public async Task on_sqlite_an_earlier_backup_restored_and_grown_past_the_old_checkpoints_is_projected_from_the_start()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = _directory };
        var checkpoints = await RestoreAnEarlierBackupAsync(settings);
        // Orders taken on the restored log before any projector runs again: its head passes the old checkpoints.
        var withoutProjector = new Dictionary<string, string?>(settings) { ["Roles"] = "api,payments" };
        await using (var api = new FlashSaleApiFactory(withoutProjector))
        {
            await PlaceAsync(api, 0, Grown, GrownOrderId);
            (await api.HeadAsync())!.Value.ShouldBeGreaterThan(checkpoints.Max(), "the restored log grew past every old checkpoint");
        }
        // The order index and payments start again on it before the projector does: they refuse the old checkpoints too.
        var logs = new Logging.CapturedLogs();
        await using (var api = new FlashSaleApiFactory(withoutProjector) { Logs = logs })
        {
            var lost = await api.Buyer.PayAsync(OrderId(Kept), "ref-of-a-lost-order");
            lost.Code.ShouldBe("order.not_found", lost.ToString());
            foreach (var refused in new[] { LogEvents.OrderIndexNotRestored, LogEvents.PaymentsNotRestored })
                logs.WithEvent(refused).ShouldHaveSingleItem().Error!.Message.ShouldSatisfyAllConditions(
                    m => m.ShouldNotContain(BeyondHead), m => (m.Contains(OtherEvent) || m.Contains(DifferentEvent)).ShouldBeTrue(m));
        }

        await ShouldFollowTheNewLogAsync(settings, Kept + Grown, OtherEvent, DifferentEvent);
    }

    /// <summary>Takes <see cref="Kept"/> orders, backs the log up, takes <see cref="Lost"/> more and projects them, then puts
    /// the backup in place of the log (the read store is kept).</summary>
    /// <returns>The live checkpoints the read store holds of the lost log.</returns>
    private async Task<IReadOnlyList<EventStore.LogPosition>> RestoreAnEarlierBackupAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var backup = Path.Combine(_directory, "backup.db");
        IReadOnlyList<EventStore.LogPosition> checkpoints;
        await using (var first = new FlashSaleApiFactory(settings))
        {
            (await first.ListItemAsync(_itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
            await PlaceAsync(first, 0, Kept);
            await SqliteLogBackup.CopyAsync(Path.Combine(_directory, "events.db"), backup);
            await ShouldHaveProjectedAsync(first, await PlaceAsync(first, Kept, Lost), Stock - Kept - Lost);
            checkpoints = await LiveCheckpointsAsync(first);
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_directory, "events.db*").Concat(Directory.GetFiles(_directory, "snapshots.db*")))
            File.Delete(file);
        File.Move(backup, Path.Combine(_directory, "events.db"));
        return checkpoints;
    }

    [Fact]
    public async Task on_eventstoredb_and_postgresql_a_fresh_store_with_fewer_events_is_projected_from_the_start()
    {
        await using var postgres = await LocalPostgres.StartAsync();
        await using var longer = await EventStoreDbDouble.StartAsync();
        await using var shorter = await EventStoreDbDouble.StartAsync();
        Dictionary<string, string?> On(EventStoreDbDouble server, bool sharedReadStore) => new()
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = server.ConnectionString,
            ["ReadStore:Provider"] = sharedReadStore ? "PostgreSql" : "Sqlite",
            ["ReadStore:ConnectionString"] = sharedReadStore ? postgres.ConnectionString : null,
        };
        await using (var first = new FlashSaleApiFactory(On(longer, sharedReadStore: true)))
        {
            (await first.ListItemAsync(_itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
            await ShouldHaveProjectedAsync(first, await PlaceAsync(first, 0, Kept + Lost), Stock - Kept - Lost);
        }
        // The shorter log is written by a host with a read store of its own: the PostgreSQL one has seen only the longer log.
        await using (var writer = new FlashSaleApiFactory(On(shorter, sharedReadStore: false)))
        {
            (await writer.ListItemAsync(_itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
            await PlaceAsync(writer, 0, Kept);
        }

        await ShouldFollowTheNewLogAsync(On(shorter, sharedReadStore: true), Kept, BeyondHead);
    }

    [Fact]
    public async Task on_eventstoredb_and_postgresql_a_fresh_store_with_more_events_is_projected_from_the_start()
    {
        await using var postgres = await LocalPostgres.StartAsync();
        await using var first = await EventStoreDbDouble.StartAsync();
        await using var other = await EventStoreDbDouble.StartAsync();
        Dictionary<string, string?> On(EventStoreDbDouble server, bool sharedReadStore) => new()
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = server.ConnectionString,
            ["ReadStore:Provider"] = sharedReadStore ? "PostgreSql" : "Sqlite",
            ["ReadStore:ConnectionString"] = sharedReadStore ? postgres.ConnectionString : null,
        };
        IReadOnlyList<EventStore.LogPosition> checkpoints;
        await using (var api = new FlashSaleApiFactory(On(first, sharedReadStore: true)))
        {
            (await api.ListItemAsync(_itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
            await ShouldHaveProjectedAsync(api, await PlaceAsync(api, 0, Kept + Lost), Stock - Kept - Lost);
            checkpoints = await LiveCheckpointsAsync(api);
        }
        // The other log is written by a host with a read store of its own: the PostgreSQL one has seen only the first log.
        await using (var writer = new FlashSaleApiFactory(On(other, sharedReadStore: false)))
        {
            (await writer.ListItemAsync(_itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
            await PlaceAsync(writer, 0, Kept);
            await PlaceAsync(writer, 0, Grown, GrownOrderId);
            (await writer.Store.ReadHeadPositionAsync())!.Value.ShouldBeGreaterThan(checkpoints.Max(), "the other log reaches past every old checkpoint");
        }

        await ShouldFollowTheNewLogAsync(On(other, sharedReadStore: true), Kept + Grown, OtherEvent, DifferentEvent);
    }

    /// <param name="ordersOnLog">How many orders the new log holds (order ids of the lost log from <see cref="Kept"/> on are not among them).</param>
    /// <param name="reasons">What the reset warnings may give as the reason (each names one of them).</param>
    private async Task ShouldFollowTheNewLogAsync(IReadOnlyDictionary<string, string?> settings, int ordersOnLog, params string[] reasons)
    {
        var logs = new Logging.CapturedLogs();
        await using var api = new FlashSaleApiFactory(settings) { Logs = logs };
        var head = (await api.HeadAsync())!.Value.ToToken();
        await ShouldHaveProjectedAsync(api, head, Stock - ordersOnLog);

        var lost = await api.Buyer.QueryAsync($"/api/orders/{OrderId(Kept)}?itemId={_itemId}", head);
        lost.Status.ShouldBe(HttpStatusCode.NotFound, $"an order of the lost events: {lost}");
        var reset = logs.WithEvent(LogEvents.ProjectionCheckpointNotOnLog).Select(l => l.Message).ToList();
        reset.Count.ShouldBe(5, string.Join('\n', reset));
        reset.ShouldAllBe(m => reasons.Any(m.Contains));

        // The lost order's id is free again on this log, and what is placed now reaches every projection.
        var placed = await PlaceAsync(api, Kept, 1);
        await ShouldHaveProjectedAsync(api, placed, Stock - ordersOnLog - 1);
        (await api.Buyer.QueryAsync($"/api/orders/{OrderId(Kept)}?itemId={_itemId}", placed)).Json.Str("status").ShouldBe("reserved");
        var verify = await api.Operator.QueryAsync("/api/admin/audit/verify");
        verify.Json.GetProperty("clean").GetBoolean().ShouldBeTrue(verify.ToString());
        var store = api.Services.GetRequiredService<IReadModelStore>();
        // Each projection catches up on its own: the inventory at the last order says nothing of the other two's rows yet.
        (await RowsWhenCaughtUpAsync(store, new OrderItemProjection(), ordersOnLog + 1)).ShouldBe(ordersOnLog + 1, "order-items holds only the orders of this log");
        (await RowsWhenCaughtUpAsync(store, new PendingReservationProjection(), ordersOnLog + 1)).ShouldBe(ordersOnLog + 1, "pending reservations only of this log");
        foreach (var projection in (await api.Operator.QueryAsync("/api/admin/projections")).Json.GetProperty("projections").EnumerateArray())
            projection.Str("state").ShouldBe("running", projection.ToString());
    }

    private async Task<string> PlaceAsync(FlashSaleApiFactory api, int from, int count, Func<int, string>? orderId = null)
    {
        orderId ??= OrderId;
        var position = "";
        for (var i = from; i < from + count; i++)
        {
            var answer = await api.PlaceOrderAsync(orderId(i), _itemId, $"buyer-{orderId(i)}");
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            position = answer.String("position");
        }
        return position;
    }

    private async Task ShouldHaveProjectedAsync(FlashSaleApiFactory api, string position, int available)
    {
        var item = await api.Buyer.QueryUntilAsync($"/api/items/{_itemId}?minPosition={Uri.EscapeDataString(position)}",
            a => a.Status == HttpStatusCode.OK, CatchUp, $"the inventory at {position}");
        item.Json.Int("available").ShouldBe(available, item.ToString());
    }

    /// <summary>The projection's row count once it reaches <paramref name="expected"/>, or what it holds after the catch-up time.</summary>
    private static async Task<int> RowsWhenCaughtUpAsync(IReadModelStore store, IProjection projection, int expected)
    {
        var deadline = DateTime.UtcNow + CatchUp;
        var rows = await RowsAsync(store, projection);
        while (rows < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            rows = await RowsAsync(store, projection);
        }
        return rows;
    }

    private static async Task<int> RowsAsync(IReadModelStore store, IProjection projection)
    {
        var rows = 0;
        await store.ReadSnapshotAsync(projection, _ => rows++);
        return rows;
    }

    private static string OrderId(int i) => $"head-order-{i}";

    private static string GrownOrderId(int i) => $"grown-order-{i}";

    private static async Task<IReadOnlyList<EventStore.LogPosition>> LiveCheckpointsAsync(FlashSaleApiFactory api) =>
        [.. (await api.Services.GetRequiredService<IReadModelStore>().ReadCheckpointsAsync())
            .Where(c => c.Slot == ReadModelSlot.Live && c.Position is not null).Select(c => c.Position!.Value)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a pooled reader may still hold a file; the temp folder is cleaned by the OS
        }
    }
}

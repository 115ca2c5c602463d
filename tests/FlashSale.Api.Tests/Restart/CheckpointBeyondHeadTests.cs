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
/// The event store goes back to a shorter log (an earlier backup restored, a fresh EventStoreDB) while the read store is
/// kept: every projection whose checkpoint lies beyond the new head is emptied and replays the new log, so no stock or
/// order of the lost events stays in the read models and the new log's orders are projected at once.
/// </summary>
public sealed class CheckpointBeyondHeadTests : IDisposable
{
    private const int Stock = 100;
    private const int Kept = 5;
    private const int Lost = 25;
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(120);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", "head-" + Guid.NewGuid().ToString("N"));
    private readonly string _itemId = Ids.New("restored");

    public CheckpointBeyondHeadTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task on_sqlite_an_earlier_backup_restored_under_a_kept_read_store_is_projected_from_the_start()
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = _directory };
        var backup = Path.Combine(_directory, "backup.db");
        await using (var first = new FlashSaleApiFactory(settings))
        {
            (await first.ListItemAsync(_itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
            await PlaceAsync(first, 0, Kept);
            await SqliteLogBackup.CopyAsync(Path.Combine(_directory, "events.db"), backup);
            await ShouldHaveProjectedAsync(first, await PlaceAsync(first, Kept, Lost), Stock - Kept - Lost);
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_directory, "events.db*").Concat(Directory.GetFiles(_directory, "snapshots.db*")))
            File.Delete(file);
        File.Move(backup, Path.Combine(_directory, "events.db"));

        await ShouldFollowTheShorterLogAsync(settings);
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

        await ShouldFollowTheShorterLogAsync(On(shorter, sharedReadStore: true));
    }

    private async Task ShouldFollowTheShorterLogAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var logs = new Logging.CapturedLogs();
        await using var api = new FlashSaleApiFactory(settings) { Logs = logs };
        var head = (await api.HeadAsync())!.Value.ToToken();
        await ShouldHaveProjectedAsync(api, head, Stock - Kept);

        var lost = await api.Buyer.QueryAsync($"/api/orders/{OrderId(Kept)}?itemId={_itemId}", head);
        lost.Status.ShouldBe(HttpStatusCode.NotFound, $"an order of the lost events: {lost}");
        var reset = logs.WithEvent(LogEvents.ProjectionCheckpointNotOnLog).Select(l => l.Message).ToList();
        reset.Count.ShouldBe(5, string.Join('\n', reset));
        reset.ShouldAllBe(m => m.Contains("beyond the log's head"));

        // The lost order's id is free again on this log, and what is placed now reaches every projection.
        var placed = await PlaceAsync(api, Kept, 1);
        await ShouldHaveProjectedAsync(api, placed, Stock - Kept - 1);
        (await api.Buyer.QueryAsync($"/api/orders/{OrderId(Kept)}?itemId={_itemId}", placed)).Json.Str("status").ShouldBe("reserved");
        var verify = await api.Operator.QueryAsync("/api/admin/audit/verify");
        verify.Json.GetProperty("clean").GetBoolean().ShouldBeTrue(verify.ToString());
        var store = api.Services.GetRequiredService<IReadModelStore>();
        (await RowsAsync(store, new OrderItemProjection())).ShouldBe(Kept + 1, "order-items holds only the orders of this log");
        (await RowsAsync(store, new PendingReservationProjection())).ShouldBe(Kept + 1, "pending reservations only of this log");
        foreach (var projection in (await api.Operator.QueryAsync("/api/admin/projections")).Json.GetProperty("projections").EnumerateArray())
            projection.Str("state").ShouldBe("running", projection.ToString());
    }

    private async Task<string> PlaceAsync(FlashSaleApiFactory api, int from, int count)
    {
        var position = "";
        for (var i = from; i < from + count; i++)
        {
            var answer = await api.PlaceOrderAsync(OrderId(i), _itemId, $"buyer-{i}");
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

    private static async Task<int> RowsAsync(IReadModelStore store, IProjection projection)
    {
        var rows = 0;
        await store.ReadSnapshotAsync(projection, _ => rows++);
        return rows;
    }

    private static string OrderId(int i) => $"head-order-{i}";

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

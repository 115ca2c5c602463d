using System.Data.Common;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    /// <summary>Runs <paramref name="sql"/> on <paramref name="database"/> outside any store, as an older release would have.</summary>
    protected abstract Task ExecuteSqlAsync(string database, string sql);

    [Fact]
    public async Task a_database_whose_poison_events_are_in_the_old_projection_dead_letters_table_keeps_them()
    {
        static PoisonEvent Poison(ulong position) => new(Inventory.Name, LogPosition.At(position), "item-sku-1", (long)position,
            "V1.StockReserved", $"Unreadable event at {position}", ScriptedSale.At((int)position));
        var database = await NewDatabaseAsync();
        var before = OpenOwned(database);
        await before.InitializeAsync(Projections);
        (await before.CommitAsync(Commit(Inventory, 1, 3, [ItemRow("sku-1")], poison: [Poison(1), Poison(2)]))).ShouldBeTrue();
        // The release before the rename created this very table (same columns) under its old name.
        await ExecuteSqlAsync(database, "ALTER TABLE poison_events RENAME TO projection_dead_letters");

        var store = OpenOwned(database);
        await store.InitializeAsync(Projections);

        (await store.CountPoisonEventsAsync(Inventory.Name)).ShouldBe(2);
        (await store.CommitAsync(Commit(Inventory, 2, 6, [], poison: [Poison(5)]))).ShouldBeTrue();
        (await store.ReadPoisonEventsAsync(Inventory.Name, 10)).ShouldBe([Poison(5), Poison(2), Poison(1)], "the old rows, then the new one after them");
        await Should.ThrowAsync<DbException>(() => ExecuteSqlAsync(database, "SELECT COUNT(*) FROM projection_dead_letters"));
        await store.InitializeAsync(Projections);
        (await store.CountPoisonEventsAsync(Inventory.Name)).ShouldBe(3, "initialising again renames nothing");
        (await KeysOf(Inventory, store)).ShouldBe(["sku-1"]);
    }

    [Fact]
    public async Task tables_keyed_by_the_order_id_alone_are_recreated_at_initialise_and_replayed_from_the_start()
    {
        await ReusedOrderIds.AppendAsync(Log);
        var head = await Events.ReadHeadPositionAsync();
        var database = await NewDatabaseAsync();
        var before = OpenOwned(database);
        await before.InitializeAsync(Projections);
        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 100, before);
        var old = new Dictionary<string, ProjectionCheckpoint>();
        foreach (var projection in Projections) old[projection.Name] = await CheckpointOf(projection, store: before);
        // What the release before (item, order) keys left: one row per order id (the reused ones merged into one), and a
        // rebuild of the old shape under way.
        await ExecuteSqlAsync(database, OldShape(OrderStatus, $"item_id = '{ReusedOrderIds.Desk}'"));
        await ExecuteSqlAsync(database, OldShape(DeadLetters, $"item_id = '{ReusedOrderIds.Chair}'"));
        await ExecuteSqlAsync(database, $"""
            CREATE TABLE order_status__rebuild ({OldColumns(OrderStatus)}, PRIMARY KEY (order_id));
            INSERT INTO projection_checkpoints (projection, slot, version, events_applied, state, started_at, updated_at)
            VALUES ('{OrderStatus.Name}', 'shadow', 77, 0, 'rebuilding', '2026-11-27T09:00:00.0000000Z', '2026-11-27T09:00:00.0000000Z')
            """);

        var store = OpenOwned(database);
        await store.InitializeAsync(Projections);

        foreach (var projection in new IProjection[] { OrderStatus, DeadLetters })
        {
            var reset = await CheckpointOf(projection, store: store);
            (reset.Position, reset.EventsApplied).ShouldBe((null, 0L), $"{projection.Name} replays from the start");
            reset.Version.ShouldBeGreaterThan(old[projection.Name].Version, "a writer holding the old checkpoint fails its next commit");
            (await KeysOf(projection, store)).ShouldBeEmpty();
        }
        (await CheckpointOf(Inventory, store: store)).ShouldBe(old[Inventory.Name], "a table of today's shape is left as it is");
        (await store.ReadCheckpointAsync(OrderStatus.Name, ReadModelSlot.Shadow)).ShouldBeNull("the old shape's rebuild cannot be swapped in");
        await Should.ThrowAsync<DbException>(() => ExecuteSqlAsync(database, "SELECT COUNT(*) FROM order_status__rebuild"));
        (await store.CommitAsync(Commit(OrderStatus, old[OrderStatus.Name].Version, 99, []))).ShouldBeFalse();

        foreach (var projection in Projections) await ReplayAsync(projection, batchSize: 4, store);

        await ShouldEqualCleanReplayAsync(store);
        (await new ReadModelQueries(store, Projections).OrdersWithIdAsync(ReusedOrderIds.Twin)).Select(o => o.ItemId)
            .ShouldBe([ReusedOrderIds.Chair, ReusedOrderIds.Desk]);
        await store.InitializeAsync(Projections);
        (await CheckpointOf(OrderStatus, store: store)).Position.ShouldBe(head, "initialising again resets nothing");
        (await KeysOf(DeadLetters, store)).Count.ShouldBe(3);
    }

    private static string OldColumns(IProjection projection) => string.Join(", ", projection.Table.Columns.Select(c =>
        $"{c.Name} {(c.Type == ColumnType.Integer ? "BIGINT" : "TEXT")}{(c.Nullable ? "" : " NOT NULL")}"));

    /// <summary>Replaces the table by one keyed by order id alone, keeping the rows that <paramref name="keep"/> selects.</summary>
    private static string OldShape(IProjection projection, string keep) => $"""
        ALTER TABLE {projection.Table.Name} RENAME TO {projection.Table.Name}_today;
        CREATE TABLE {projection.Table.Name} ({OldColumns(projection)}, PRIMARY KEY (order_id));
        INSERT INTO {projection.Table.Name} SELECT * FROM {projection.Table.Name}_today WHERE {keep};
        DROP TABLE {projection.Table.Name}_today
        """;
}

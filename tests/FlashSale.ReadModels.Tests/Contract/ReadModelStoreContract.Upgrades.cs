using System.Data.Common;
using FlashSale.EventStore;
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
}

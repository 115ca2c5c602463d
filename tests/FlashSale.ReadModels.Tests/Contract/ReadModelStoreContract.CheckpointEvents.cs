using FlashSale.EventStore;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

/// <summary>The event at a checkpoint is stored with it (ADR 0020): what tells a start whether the log is still the one the
/// checkpoint was written from.</summary>
public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task a_commit_stores_the_event_at_its_checkpoint_a_swap_carries_the_shadows_and_a_reset_clears_it()
    {
        (await CheckpointOf(Inventory)).Event.ShouldBeNull("no event before the first commit");
        (await Store.CommitAsync(Commit(Inventory, 1, 4, [ItemRow("sku-1")]))).ShouldBeTrue();
        (await CheckpointOf(Inventory)).Event.ShouldBe(EventAt(4));
        (await Store.CommitAsync(Commit(Inventory, 2, 7, []))).ShouldBeTrue();
        (await CheckpointOf(Inventory)).Event.ShouldBe(EventAt(7), "each commit records its own last event");

        await Store.StartShadowAsync(Inventory, ScriptedSale.At(0));
        var shadow = await CheckpointOf(Inventory, ReadModelSlot.Shadow);
        (await Store.CommitAsync(Commit(Inventory, shadow.Version, 9, [ItemRow("sku-1")], slot: ReadModelSlot.Shadow))).ShouldBeTrue();
        (await Store.SwapShadowAsync(Inventory, shadow.Version + 1)).ShouldBe(SwapOutcome.Swapped);
        (await CheckpointOf(Inventory)).Event.ShouldBe(EventAt(9), "the live checkpoint stands at the shadow's event");
        (await Store.ReadSnapshotAsync(Inventory, _ => { }))!.Event.ShouldBe(EventAt(9));

        await Store.ResetLiveAsync(Inventory, "test reset");
        var reset = await CheckpointOf(Inventory);
        (reset.Position, reset.Event).ShouldBe(((LogPosition?)null, (Subscriptions.Checkpoints.CheckpointEvent?)null));
    }

    [Fact]
    public async Task a_checkpoints_table_without_event_columns_gains_them_and_its_old_rows_read_without_an_event()
    {
        var database = await NewDatabaseAsync();
        var before = OpenOwned(database);
        await before.InitializeAsync(Projections);
        (await before.CommitAsync(Commit(Inventory, 1, 3, [ItemRow("sku-1")]))).ShouldBeTrue();
        // What the release before stored: the same table without the event columns, rows without an event.
        foreach (var column in new[] { "event_id", "event_stream", "event_revision" })
            await ExecuteSqlAsync(database, $"ALTER TABLE projection_checkpoints DROP COLUMN {column}");

        var store = OpenOwned(database);
        await store.InitializeAsync(Projections);
        await store.InitializeAsync(Projections);

        var old = await CheckpointOf(Inventory, store: store);
        (old.Position, old.Version, old.Event).ShouldBe((LogPosition.At(3), 2L, (Subscriptions.Checkpoints.CheckpointEvent?)null),
            "the old row keeps its position and has no event: it is checked against the head only");
        (await KeysOf(Inventory, store)).ShouldBe(["sku-1"]);
        (await store.CommitAsync(Commit(Inventory, 2, 5, []))).ShouldBeTrue();
        (await CheckpointOf(Inventory, store: store)).Event.ShouldBe(EventAt(5));
    }
}

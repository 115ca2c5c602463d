using FlashSale.EventStore;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    [Fact]
    public async Task queries_answer_from_the_live_table_while_a_shadow_is_built_and_from_the_shadow_after_the_swap()
    {
        (await Store.CommitAsync(Commit(Inventory, 1, 4, [ItemRow("sku-1", available: 9), ItemRow("stale")]))).ShouldBeTrue();
        await Store.StartShadowAsync(Inventory, ScriptedSale.At(0));
        var shadow = await CheckpointOf(Inventory, ReadModelSlot.Shadow);
        (shadow.Position, shadow.EventsApplied, shadow.State).ShouldBe(((LogPosition?)null, 0L, ProjectionStates.Rebuilding));

        (await Store.CommitAsync(Commit(Inventory, shadow.Version, 6, [ItemRow("sku-1", available: 5), ItemRow("sku-2")], slot: ReadModelSlot.Shadow)))
            .ShouldBeTrue();

        (await KeysOf(Inventory)).ShouldBe(["sku-1", "stale"], "the live table keeps answering");
        Inventory.FromValues((await Store.GetRowAsync(Inventory, "sku-1"))!).Available.ShouldBe(9);
        (await Store.LoadRowsAsync(Inventory, ReadModelSlot.Shadow, ["sku-1", "stale"])).Keys.ShouldBe(["sku-1"]);

        (await Store.SwapShadowAsync(Inventory, shadow.Version + 1)).ShouldBe(SwapOutcome.Swapped);

        (await KeysOf(Inventory)).ShouldBe(["sku-1", "sku-2"]);
        Inventory.FromValues((await Store.GetRowAsync(Inventory, "sku-1"))!).Available.ShouldBe(5);
        var live = await CheckpointOf(Inventory);
        (live.Position, live.Version, live.EventsApplied).ShouldBe((LogPosition.At(6), 3L, 2L));
        live.State.ShouldBe(ProjectionStates.Stopped, "a swap leaves the live state to the process that runs the projection");
        (await Store.ReadCheckpointAsync(Inventory.Name, ReadModelSlot.Shadow)).ShouldBeNull();
        (await Store.CommitAsync(Commit(Inventory, 3, 7, [ItemRow("sku-3")]))).ShouldBeTrue("the live model goes on from the swapped-in one");
        (await KeysOf(Inventory)).ShouldBe(["sku-1", "sku-2", "sku-3"]);
    }

    [Fact]
    public async Task a_shadow_behind_the_live_model_is_not_swapped_in_until_it_catches_up()
    {
        (await Store.CommitAsync(Commit(Inventory, 1, 10, [ItemRow("sku-1", position: 10)]))).ShouldBeTrue();
        await Store.StartShadowAsync(Inventory, ScriptedSale.At(0));
        var shadow = await CheckpointOf(Inventory, ReadModelSlot.Shadow);
        (await Store.CommitAsync(Commit(Inventory, shadow.Version, 5, [ItemRow("sku-1", position: 5)], slot: ReadModelSlot.Shadow))).ShouldBeTrue();

        (await Store.SwapShadowAsync(Inventory, shadow.Version + 1)).ShouldBe(SwapOutcome.ShadowBehind);

        Inventory.FromValues((await Store.GetRowAsync(Inventory, "sku-1"))!).LastPosition.ShouldBe("10");
        (await CheckpointOf(Inventory)).Position.ShouldBe(LogPosition.At(10));
        (await CheckpointOf(Inventory, ReadModelSlot.Shadow)).Position.ShouldBe(LogPosition.At(5), "the shadow stays for the catch-up");

        (await Store.CommitAsync(Commit(Inventory, shadow.Version + 1, 10, [ItemRow("sku-1", position: 10)], slot: ReadModelSlot.Shadow))).ShouldBeTrue();
        (await Store.SwapShadowAsync(Inventory, shadow.Version + 2)).ShouldBe(SwapOutcome.Swapped);
        (await CheckpointOf(Inventory)).Position.ShouldBe(LogPosition.At(10));
    }

    [Fact]
    public async Task a_swap_after_another_rebuild_restarted_the_shadow_is_a_conflict()
    {
        (await Store.SwapShadowAsync(Inventory, 1)).ShouldBe(SwapOutcome.Conflict, "there is no shadow");
        await Store.StartShadowAsync(Inventory, ScriptedSale.At(0));
        var first = await CheckpointOf(Inventory, ReadModelSlot.Shadow);
        (await Store.CommitAsync(Commit(Inventory, first.Version, 3, [ItemRow("first")], slot: ReadModelSlot.Shadow))).ShouldBeTrue();

        await Store.StartShadowAsync(Inventory, ScriptedSale.At(1));

        var second = await CheckpointOf(Inventory, ReadModelSlot.Shadow);
        second.Version.ShouldNotBe(first.Version + 1);
        (await Store.CommitAsync(Commit(Inventory, first.Version + 1, 4, [ItemRow("late")], slot: ReadModelSlot.Shadow))).ShouldBeFalse();
        (await Store.SwapShadowAsync(Inventory, first.Version + 1)).ShouldBe(SwapOutcome.Conflict);
        (await Store.LoadRowsAsync(Inventory, ReadModelSlot.Shadow, ["first", "late"])).ShouldBeEmpty("the restart emptied the shadow");
        (await CheckpointOf(Inventory)).Version.ShouldBe(1, "the live model is untouched");
        (await Store.SwapShadowAsync(Inventory, second.Version)).ShouldBe(SwapOutcome.Swapped, "the newer rebuild still swaps");
    }

    [Fact]
    public async Task dropping_a_shadow_leaves_the_live_model_untouched()
    {
        (await Store.CommitAsync(Commit(Inventory, 1, 4, [ItemRow("sku-1")]))).ShouldBeTrue();
        await Store.StartShadowAsync(Inventory, ScriptedSale.At(0));
        var shadow = await CheckpointOf(Inventory, ReadModelSlot.Shadow);
        (await Store.CommitAsync(Commit(Inventory, shadow.Version, 6, [ItemRow("sku-2")], slot: ReadModelSlot.Shadow))).ShouldBeTrue();

        await Store.DropShadowAsync(Inventory);
        await Store.DropShadowAsync(Inventory);

        (await Store.ReadCheckpointAsync(Inventory.Name, ReadModelSlot.Shadow)).ShouldBeNull();
        (await Store.SwapShadowAsync(Inventory, shadow.Version + 1)).ShouldBe(SwapOutcome.Conflict);
        (await KeysOf(Inventory)).ShouldBe(["sku-1"]);
        var live = await CheckpointOf(Inventory);
        (live.Position, live.Version).ShouldBe((LogPosition.At(4), 2L));
        (await Store.ReadCheckpointsAsync()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task a_swap_racing_a_live_commit_lets_exactly_one_of_them_through()
    {
        for (var round = 0; round < 10; round++)
        {
            var live = await CheckpointOf(Inventory);
            var at = (ulong)(round * 100 + 10);
            await Store.StartShadowAsync(Inventory, ScriptedSale.At(round));
            var shadow = await CheckpointOf(Inventory, ReadModelSlot.Shadow);
            (await Store.CommitAsync(Commit(Inventory, shadow.Version, at, [ItemRow($"shadow-{round}")], slot: ReadModelSlot.Shadow))).ShouldBeTrue();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var commit = Task.Run(async () => { await gate.Task; return await Store.CommitAsync(Commit(Inventory, live.Version, at + 50, [ItemRow($"live-{round}")])); });
            var swap = Task.Run(async () => { await gate.Task; return await Store.SwapShadowAsync(Inventory, shadow.Version + 1); });
            gate.SetResult();
            var (committed, swapped) = (await commit.WaitAsync(Patience), await swap.WaitAsync(Patience));

            (committed ^ swapped == SwapOutcome.Swapped).ShouldBeTrue($"round {round}: commit {committed}, swap {swapped}");
            var now = await CheckpointOf(Inventory);
            now.Position.ShouldBe(LogPosition.At(committed ? at + 50 : at), $"round {round}");
            (await KeysOf(Inventory)).ShouldContain(committed ? $"live-{round}" : $"shadow-{round}");
            if (committed) await Store.DropShadowAsync(Inventory);
        }
    }
}

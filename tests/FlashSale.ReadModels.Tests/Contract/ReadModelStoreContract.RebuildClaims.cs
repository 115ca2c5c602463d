using FlashSale.Domain;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.ReadModels.Tests.Contract;

public abstract partial class ReadModelStoreContract
{
    private static readonly DateTimeOffset ClaimedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task a_rebuild_claim_is_held_by_one_owner_until_it_is_released_or_expires()
    {
        var (store, other) = await TwoProcessesAsync();
        var first = await store.ClaimRebuildAsync("inventory", "owner-a", "api (pid 1 on host)", ClaimedAt, ClaimedAt.AddSeconds(30));
        var second = await other.ClaimRebuildAsync("inventory", "owner-b", "flashsale (pid 2 on host)", ClaimedAt.AddSeconds(10), ClaimedAt.AddSeconds(40));
        var elsewhere = await other.ClaimRebuildAsync("order-status", "owner-b", "flashsale (pid 2 on host)", ClaimedAt, ClaimedAt.AddSeconds(30));

        (first.Owner, second.Owner, second.Holder).ShouldBe(("owner-a", "owner-a", "api (pid 1 on host)"), "the second owner is told who holds it");
        second.ExpiresAt.ShouldBe(ClaimedAt.AddSeconds(30));
        elsewhere.Owner.ShouldBe("owner-b", "claims are per projection");

        (await other.RenewRebuildClaimAsync("inventory", "owner-b", ClaimedAt.AddMinutes(5))).ShouldBeFalse();
        (await store.RenewRebuildClaimAsync("inventory", "owner-a", ClaimedAt.AddSeconds(60))).ShouldBeTrue();
        (await other.ClaimRebuildAsync("inventory", "owner-b", "cli", ClaimedAt.AddSeconds(45), ClaimedAt.AddSeconds(75))).Owner
            .ShouldBe("owner-a", "renewed until 60 s");
        var afterExpiry = await other.ClaimRebuildAsync("inventory", "owner-b", "cli", ClaimedAt.AddSeconds(60), ClaimedAt.AddSeconds(90));
        afterExpiry.ShouldBe(new Storage.RebuildClaimRecord("inventory", "owner-b", "cli", ClaimedAt.AddSeconds(60), ClaimedAt.AddSeconds(90)));
        (await store.RenewRebuildClaimAsync("inventory", "owner-a", ClaimedAt.AddSeconds(120))).ShouldBeFalse("it expired and was taken");

        await store.ReleaseRebuildClaimAsync("inventory", "owner-a"); // not the holder any more: changes nothing
        (await store.ClaimRebuildAsync("inventory", "owner-c", "x", ClaimedAt.AddSeconds(61), ClaimedAt.AddSeconds(91))).Owner.ShouldBe("owner-b");
        await other.ReleaseRebuildClaimAsync("inventory", "owner-b");
        (await store.ClaimRebuildAsync("inventory", "owner-c", "x", ClaimedAt.AddSeconds(61), ClaimedAt.AddSeconds(91))).Owner.ShouldBe("owner-c");
    }

    [Fact]
    public async Task two_stores_claiming_one_projection_at_once_give_it_to_exactly_one()
    {
        var database = await NewDatabaseAsync();
        var stores = new List<Storage.IReadModelStore>();
        for (var i = 0; i < 4; i++) stores.Add(await InitializedAsync(OpenOwned(database)));

        var claims = await Task.WhenAll(stores.Select((store, i) =>
            Task.Run(() => store.ClaimRebuildAsync("dead-letters", $"owner-{i}", $"process {i}", ClaimedAt, ClaimedAt.AddSeconds(30)))));

        claims.Select(c => c.Owner).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_rebuild_while_another_process_holds_the_claim_is_refused_naming_it_and_starts_nothing()
    {
        await ScriptedSale.AppendAsync(Log, count: 3);
        var (store, other) = await TwoProcessesAsync();
        var holder = new RebuildClaims(other, TimeProvider.System);
        var rebuilder = new ProjectionRebuilder(Events, store, new ReadModelOptions(), TimeProvider.System, NullLogger<ProjectionRebuilder>.Instance);

        await using (var held = (await holder.TryClaimAsync(Inventory.Name)).Claim.ShouldNotBeNull())
        {
            var refused = await Should.ThrowAsync<DomainException>(() => rebuilder.RebuildAsync(Inventory));

            refused.Code.ShouldBe(RebuildRefusal.RunningCode);
            refused.Message.ShouldContain($"A rebuild of 'inventory' is already running in {RebuildClaims.ThisProcess}");
            (await store.ReadCheckpointAsync(Inventory.Name, Storage.ReadModelSlot.Shadow)).ShouldBeNull("no shadow was started");
        }

        (await rebuilder.RebuildAsync(Inventory)).Phase.ShouldBe(RebuildPhases.Done, "released when its holder was disposed");
        (await holder.TryClaimAsync(Inventory.Name)).Claim.ShouldNotBeNull().Projection.ShouldBe(Inventory.Name);
    }

    [Fact]
    public async Task the_claim_of_a_rebuild_that_was_killed_stops_blocking_once_it_expires()
    {
        var clock = new AdjustableClock();
        var killed = await Store.ClaimRebuildAsync(OrderStatus.Name, "killed", "flashsale (pid 9 on host)", clock.GetUtcNow(),
            clock.GetUtcNow() + RebuildClaims.Lease);
        var claims = new RebuildClaims(Store, clock);

        var whileHeld = await claims.TryClaimAsync(OrderStatus.Name);
        clock.Shift = RebuildClaims.Lease;
        var afterLease = await claims.TryClaimAsync(OrderStatus.Name);

        whileHeld.Refusal.ShouldNotBeNull().Message.ShouldContain($"expires at {Domain.Items.ItemDecider.Moment(killed.ExpiresAt)}");
        await using var taken = afterLease.Claim.ShouldNotBeNull();
    }

    [Fact]
    public async Task a_rebuilds_first_progress_report_is_zero_percent_and_its_last_one_hundred()
    {
        await ScriptedSale.AppendAsync(Log, count: 5);
        var reports = new List<RebuildProgress>();
        var rebuilder = new ProjectionRebuilder(Events, Store, new ReadModelOptions { RebuildBatchSize = 2 }, TimeProvider.System,
            NullLogger<ProjectionRebuilder>.Instance);

        await rebuilder.RebuildAsync(Inventory, reports.Add);

        (reports[0].Phase, reports[0].Fraction, reports[0].EventsDone).ShouldBe((RebuildPhases.Replaying, 0.0, 0L));
        (reports[^1].Phase, reports[^1].Fraction).ShouldBe((RebuildPhases.Done, 1.0));
    }

    /// <summary>Two stores on one new database, as two processes (an API and the CLI) open it.</summary>
    private async Task<(Storage.IReadModelStore, Storage.IReadModelStore)> TwoProcessesAsync()
    {
        var database = await NewDatabaseAsync();
        return (await InitializedAsync(OpenOwned(database)), await InitializedAsync(OpenOwned(database)));
    }

    private static async Task<Storage.IReadModelStore> InitializedAsync(Storage.IReadModelStore store)
    {
        await store.InitializeAsync(Projections);
        return store;
    }

    private sealed class AdjustableClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}

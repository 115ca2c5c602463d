using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Projections;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Sqlite;

namespace FlashSale.Api.Tests.Process;

/// <summary>A rebuild is refused by whichever process asks second, across processes on one read store.</summary>
[Collection(ProcessCollection.Name)]
public sealed class RebuildAcrossProcessesTests
{
    [Fact]
    public async Task an_api_process_asked_to_rebuild_while_another_process_rebuilds_answers_409_naming_that_process()
    {
        using var data = new TempDataDirectory();
        using var api = await ApiProcess.StartAsync(data.Path, ApiProcess.FreePort());
        using var client = api.CreateClient(ApiProcess.OperatorKey);
        (await client.ListItemAsync(Ids.New("rebuilt"), stock: 3)).Status.ShouldBe(HttpStatusCode.Created);
        // The other process is this one, on the same read store, holding the claim exactly as the CLI's rebuild does.
        await using var store = SqliteReadModelStore.Open(Path.Combine(data.Path, "readmodels.db"));
        await store.InitializeAsync(AllProjections.Create());
        var claims = new RebuildClaims(store, TimeProvider.System);

        HttpAnswer refused, elsewhere;
        await using (var claim = (await claims.TryClaimAsync("inventory")).Claim.ShouldNotBeNull())
        {
            refused = await client.PostEmptyAsync("/api/admin/projections/inventory/rebuild");
            elsewhere = await client.PostEmptyAsync("/api/admin/projections/order-status/rebuild");
        }
        var afterwards = await client.PostEmptyAsync("/api/admin/projections/inventory/rebuild");

        refused.Status.ShouldBe(HttpStatusCode.Conflict, $"{refused}\n{api.Output}");
        (refused.MediaType, refused.Code).ShouldBe(("application/problem+json", RebuildRefusal.RunningCode));
        refused.String("detail").ShouldContain($"A rebuild of 'inventory' is already running in {RebuildClaims.ThisProcess}");
        elsewhere.Status.ShouldBe(HttpStatusCode.Accepted, "another projection's rebuild is not held up");
        afterwards.Status.ShouldBe(HttpStatusCode.Accepted, $"released: {afterwards}");
    }
}

using FlashSale.Cli.Tests.Fixtures;
using FlashSale.Projections;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Sqlite;

namespace FlashSale.Cli.Tests.Process;

public sealed class RebuildRefusedAcrossProcessesTests : SaleTests
{
    [Fact]
    public async Task a_cli_rebuild_while_another_process_rebuilds_exits_5_naming_that_process_without_a_stack_trace()
    {
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = Sale.DataDir };
        await using var store = SqliteReadModelStore.Open(Sale.Data.ReadModelsDb);
        await store.InitializeAsync(AllProjections.Create());
        var claims = new RebuildClaims(store, TimeProvider.System);

        CliRun refused;
        await using (var claim = (await claims.TryClaimAsync("inventory")).Claim.ShouldNotBeNull())
            refused = await CliProcess.RunAsync(Path.GetTempPath(), environment, "projections", "rebuild", "inventory");
        var afterwards = await CliProcess.RunAsync(Path.GetTempPath(), environment, "projections", "rebuild", "inventory");

        refused.ExitCode.ShouldBe(ExitCodes.Refused, refused.ToString());
        refused.Error.ShouldContain($"{RebuildRefusal.RunningCode}");
        refused.Error.ShouldContain($"A rebuild of 'inventory' is already running in {RebuildClaims.ThisProcess}");
        refused.Error.ShouldNotContain("   at ");
        refused.Out.ShouldNotContain("rebuild inventory: done");
        afterwards.ExitCode.ShouldBe(ExitCodes.Ok, afterwards.ToString());
        afterwards.Lines[0].ShouldStartWith("rebuild inventory: replaying 0%");
    }
}

using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Audit;

public sealed class VerifyTests : SaleTests
{
    [Fact]
    public async Task verify_of_models_that_match_the_log_is_clean_and_exits_0()
    {
        await Cli("items", "list");
        await Cli("orders", "show", "o-1");

        var run = await Cli("audit", "verify");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        run.Error.ShouldContain("Clean: every row matches the log.");
    }

    [Fact]
    public async Task corrupted_rows_are_reported_exactly_then_a_rebuild_makes_verify_clean_again()
    {
        await Cli("items", "list");
        await Cli("orders", "list", "--user", "bob");
        await ReadModelsDb.ExecuteAsync(Sale.Data.ReadModelsDb, "UPDATE inventory SET available = 99 WHERE item_id = 'tshirt'");
        await ReadModelsDb.ExecuteAsync(Sale.Data.ReadModelsDb, "DELETE FROM order_status WHERE order_id = 'o-2'");

        var json = await Cli("audit", "verify", "--json");
        var table = await CliOnTerminal("audit", "verify");

        json.ExitCode.ShouldBe(ExitCodes.Differences, json.ToString());
        json.Json.GetProperty("clean").GetBoolean().ShouldBeFalse();
        var differences = json.Json.GetProperty("projections").EnumerateArray()
            .SelectMany(p => p.GetProperty("differences").EnumerateArray())
            .Select(d => (d.GetProperty("table").GetString(), d.GetProperty("key").GetString(), d.GetProperty("kind").GetString()))
            .ToList();
        differences.ShouldBe([("inventory", "tshirt", "different"), ("order_status", "o-2", "missing")], ignoreOrder: true);
        table.ExitCode.ShouldBe(ExitCodes.Differences);
        table.Out.ShouldContain("│ inventory    │ inventory    │ tshirt │ different │ available │ 8        │ 99     │");
        table.Out.ShouldContain("2 row(s) differ from the log");

        (await Cli("projections", "rebuild", "inventory")).ExitCode.ShouldBe(0);
        (await Cli("projections", "rebuild", "order-status")).ExitCode.ShouldBe(0);

        var after = await Cli("audit", "verify", "--json");
        after.ExitCode.ShouldBe(ExitCodes.Ok, after.ToString());
        after.Json.GetProperty("clean").GetBoolean().ShouldBeTrue();
        (await JsonOf("items", "show", "tshirt")).GetProperty("item").GetProperty("available").GetInt32().ShouldBe(8);
    }

    [Fact]
    public async Task verify_can_check_one_projection()
    {
        await Cli("items", "list");
        await ReadModelsDb.ExecuteAsync(Sale.Data.ReadModelsDb, "UPDATE inventory SET sold = 7 WHERE item_id = 'tshirt'");

        var run = await Cli("audit", "verify", "--projection", "order-status", "--json");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        run.Json.GetProperty("projections").GetArrayLength().ShouldBe(1);
    }
}

using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Items;

public sealed class ItemCommandsTests : SaleTests
{
    [Fact]
    public async Task items_list_redirected_prints_a_header_and_one_tab_separated_line_per_item()
    {
        var run = await Cli("items", "list");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines[0].Split('\t')[..4].ShouldBe(["item", "name", "available", "reserved"]);
        run.Lines.Count.ShouldBe(3);
        run.Lines[1].Split('\t')[..6].ShouldBe(["mug", "Item mug", "0", "3", "0", "0"]);
        run.Lines[2].Split('\t')[..6].ShouldBe(["tshirt", "Item tshirt", "8", "0", "2", "2"]);
        run.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task items_list_on_a_terminal_draws_a_table()
    {
        var run = await CliOnTerminal("items", "list");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("╭");
        run.Out.ShouldContain("│ tshirt │ Item tshirt │ 8         │");
    }

    [Fact]
    public async Task items_list_json_is_one_document_with_the_models_freshness()
    {
        var json = await JsonOf("items", "list");

        json.GetProperty("items").GetArrayLength().ShouldBe(2);
        json.GetProperty("items")[1].GetProperty("itemId").GetString().ShouldBe("tshirt");
        json.GetProperty("items")[1].GetProperty("available").GetInt32().ShouldBe(8);
        json.GetProperty("readModel").GetProperty("behind").GetBoolean().ShouldBeFalse();
        json.GetProperty("readModel").GetProperty("eventsCaughtUp").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task items_show_prints_every_count_of_one_item()
    {
        var run = await Cli("items", "show", "mug");
        var json = await JsonOf("items", "show", "mug");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.ShouldContain("reserved: 3");
        run.Lines.ShouldContain("rejected orders: 1");
        json.GetProperty("item").GetProperty("available").GetInt32().ShouldBe(0);
        json.GetProperty("item").GetProperty("rejectedOrders").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_item_exits_3_with_a_message_on_stderr()
    {
        var run = await Cli("items", "show", "teapot");

        run.ExitCode.ShouldBe(ExitCodes.NotFound);
        run.Out.ShouldBeEmpty();
        run.Error.ShouldContain("Item 'teapot' is not known.");
    }

    [Fact]
    public async Task without_catch_up_a_model_that_never_ran_says_it_is_behind()
    {
        var run = await Cli("items", "list", "--no-catch-up", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json.GetProperty("items").GetArrayLength().ShouldBe(0);
        run.Json.GetProperty("readModel").GetProperty("behind").GetBoolean().ShouldBeTrue();
        run.Error.ShouldContain("The inventory read model is behind the log");
    }
}

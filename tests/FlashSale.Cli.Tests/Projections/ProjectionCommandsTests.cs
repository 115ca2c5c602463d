using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Projections;

public sealed class ProjectionCommandsTests : SaleTests
{
    [Fact]
    public async Task projections_status_shows_each_projections_lag_without_catching_it_up()
    {
        var events = (await Sale.ReadStreamAsync("tshirt")).Count + (await Sale.ReadStreamAsync("mug")).Count;
        await Cli("items", "list");

        var json = await JsonOf("projections", "status");

        var byName = json.GetProperty("projections").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        byName.Keys.Order().ShouldBe(["dead-letters", "inventory", "order-status"]);
        byName["inventory"].GetProperty("lagEvents").GetInt64().ShouldBe(0);
        byName["inventory"].GetProperty("eventsApplied").GetInt64().ShouldBe(events);
        byName["order-status"].GetProperty("lagEvents").GetInt64().ShouldBe(events);
        byName["order-status"].GetProperty("checkpoint").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task projections_status_on_a_terminal_is_a_table()
    {
        var run = await CliOnTerminal("projections", "status");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("lag events");
        run.Out.ShouldContain("order-status");
    }

    [Fact]
    public async Task rebuild_redirected_prints_progress_lines_and_a_summary()
    {
        var run = await Cli("projections", "rebuild", "inventory");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.ShouldContain(l => l.StartsWith("rebuild inventory: done 100%", StringComparison.Ordinal) && l.Contains("events/s"));
        run.Lines[^1].ShouldStartWith("Rebuilt inventory: 17 events in");
        (await JsonOf("items", "show", "tshirt", "--no-catch-up")).GetProperty("item").GetProperty("available").GetInt32().ShouldBe(8);
    }

    [Fact]
    public async Task rebuild_on_a_terminal_shows_a_progress_bar_with_rate_and_eta()
    {
        var run = await CliOnTerminal("projections", "rebuild", "order-status");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("rebuild order-status: done 100%");
        run.Out.ShouldContain("events/s, ETA 0:00");
        run.Out.ShouldContain("Rebuilt order-status: 17 events");
    }

    [Fact]
    public async Task rebuild_json_is_the_final_progress()
    {
        var json = await JsonOf("projections", "rebuild", "dead-letters");

        json.GetProperty("phase").GetString().ShouldBe("done");
        json.GetProperty("fraction").GetDouble().ShouldBe(1.0);
        json.GetProperty("eventsDone").GetInt64().ShouldBe(17);
    }
}

using System.Globalization;
using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Audit;

public sealed class HistoryTests : SaleTests
{
    [Fact]
    public async Task item_history_has_one_step_per_event_with_the_state_after_it()
    {
        var events = await Sale.ReadStreamAsync("tshirt");

        var json = await JsonOf("audit", "history", "item", "tshirt");
        var plain = await Cli("audit", "history", "item", "tshirt");

        var steps = json.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("type").GetString()).ShouldBe(events.Select(e => e.Type));
        steps[0].GetProperty("state").GetProperty("available").GetInt32().ShouldBe(10);
        steps[^1].GetProperty("state").GetProperty("available").GetInt32().ShouldBe(8);
        plain.Lines[0].Split('\t').ShouldBe(["position", "revision", "event", "recorded", "available", "reserved", "sold", "released", "restocked", "rejected"]);
        plain.Lines.Count.ShouldBe(events.Count + 1);
    }

    [Fact]
    public async Task item_as_of_a_position_is_the_state_right_after_that_event()
    {
        var run = await Cli("audit", "asof", "item", "tshirt", "--position", Sale.AfterFirstOrder.ToToken());
        var json = await JsonOf("audit", "asof", "item", "tshirt", "--position", Sale.AfterFirstOrder.ToToken());

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.ShouldContain("available: 8");
        run.Lines.ShouldContain("reserved: 2");
        json.GetProperty("state").GetProperty("sold").GetInt32().ShouldBe(0);
        json.GetProperty("lastEvent").GetProperty("position").GetString().ShouldBe(Sale.AfterFirstOrder.ToToken());
    }

    [Fact]
    public async Task order_as_of_a_time_is_its_status_then()
    {
        var then = Sale.AfterFirstOrderTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

        var earlier = await JsonOf("audit", "asof", "order", "o-1", "--time", then);
        var now = await JsonOf("audit", "asof", "order", "o-1", "--time", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture));

        earlier.GetProperty("state").GetProperty("status").GetString().ShouldBe("reserved");
        now.GetProperty("state").GetProperty("status").GetString().ShouldBe("confirmed");
    }

    [Fact]
    public async Task order_history_lists_only_that_orders_events()
    {
        var json = await JsonOf("audit", "history", "order", "o-2");

        json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("type").GetString())
            .ShouldBe(["V1.OrderPlaced", "V1.StockReserved", "V1.PaymentTimedOut", "V1.StockReleased"]);
        json.GetProperty("steps")[2].GetProperty("state").GetProperty("status").GetString().ShouldBe("timed_out");
    }

    [Fact]
    public async Task before_an_item_was_listed_as_of_says_it_did_not_exist_and_an_unknown_item_exits_3()
    {
        var before = await Cli("audit", "asof", "item", "mug", "--position", "1");
        var unknown = await Cli("audit", "history", "item", "teapot");

        before.ExitCode.ShouldBe(0, before.ToString());
        before.Out.ShouldContain("did not exist yet at position 1");
        unknown.ExitCode.ShouldBe(ExitCodes.NotFound);
        unknown.Error.ShouldContain("Item 'teapot' is not known");
    }
}

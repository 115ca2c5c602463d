using System.Text.Json;

namespace FlashSale.Cli.Tests.LoadTest;

public sealed class LoadTestRunTests(ShortRun run) : IClassFixture<ShortRun>
{
    [Fact]
    public void a_short_run_on_a_hot_item_passes_every_check()
    {
        run.Run.ExitCode.ShouldBe(ExitCodes.Ok, run.Run.ToString());
        var checks = run.Report.GetProperty("checks").EnumerateArray().ToList();
        checks.Select(c => c.GetProperty("name").GetString()).ShouldBe(
            ["stock_never_exceeded", "inventory_matches", "orders_visible", "no_server_errors", "repeats_identical"], ignoreOrder: true);
        checks.ShouldAllBe(c => c.GetProperty("passed").GetBoolean());
        run.Report.GetProperty("passed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void the_crowd_sold_exactly_the_stock_and_the_counts_add_up()
    {
        var totals = run.Report.GetProperty("totals");
        long Total(string name) => totals.GetProperty(name).GetInt64();
        Total("attempts").ShouldBe(ShortRun.Orders);
        Total("repeats").ShouldBeGreaterThan(0);
        Total("newOrders").ShouldBe(Total("attempts") - Total("repeats"));
        Total("accepted").ShouldBe(ShortRun.Stock); // demand is larger than the stock
        (Total("accepted") + Total("rejected")).ShouldBe(Total("newOrders"));
        Total("errors").ShouldBe(0);
        Total("confirmed").ShouldBeGreaterThan(0);

        var item = run.Report.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("acceptedUnits").GetInt64().ShouldBe(Total("accepted"));
        var inventory = item.GetProperty("inventory");
        (inventory.GetProperty("reserved").GetInt64() + inventory.GetProperty("sold").GetInt64()).ShouldBe(ShortRun.Stock);
        inventory.GetProperty("sold").GetInt64().ShouldBe(Total("confirmed"));
        inventory.GetProperty("available").GetInt64().ShouldBe(0);

        var answers = run.Report.GetProperty("byStatus").EnumerateObject().Sum(s => s.Value.GetInt64());
        var confirmations = run.Report.GetProperty("latencyMicros").GetProperty("confirm").GetProperty("count").GetInt64();
        answers.ShouldBe(Total("attempts") + confirmations);
        run.Report.GetProperty("byCode").GetProperty("sold_out").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void latencies_per_outcome_are_ordered_percentiles_and_the_timeline_counts_every_attempt()
    {
        foreach (var outcome in run.Report.GetProperty("latencyMicros").EnumerateObject())
        {
            long Of(string name) => outcome.Value.GetProperty(name).GetInt64();
            Of("p50").ShouldBeGreaterThan(0, outcome.Name);
            Of("p50").ShouldBeLessThanOrEqualTo(Of("p90"));
            Of("p90").ShouldBeLessThanOrEqualTo(Of("p99"));
            Of("p99").ShouldBeLessThanOrEqualTo(Of("p999"));
            Of("p999").ShouldBeLessThanOrEqualTo(Of("max"));
        }
        run.Report.GetProperty("latencyMicros").TryGetProperty("accepted", out _).ShouldBeTrue();
        run.Report.GetProperty("latencyMicros").TryGetProperty("rejected", out _).ShouldBeTrue();
        var timeline = run.Report.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Sum(p => p.GetProperty("attempts").GetInt64()).ShouldBe(ShortRun.Orders);
        timeline.Sum(p => p.GetProperty("accepted").GetInt64()).ShouldBe(ShortRun.Stock);
    }

    [Fact]
    public void json_mode_prints_nothing_but_the_report()
    {
        run.Run.Error.ShouldBeEmpty();
        Should.NotThrow(() => JsonDocument.Parse(run.Run.Out));
    }
}

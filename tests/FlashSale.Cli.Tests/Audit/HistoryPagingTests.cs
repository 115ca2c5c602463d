using System.Text.Json;
using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Audit;

public sealed class HistoryPagingTests : SaleTests
{
    [Fact]
    public async Task an_item_history_page_shows_the_state_after_each_event_as_replayed_from_the_start()
    {
        var events = await Sale.ReadStreamAsync("tshirt");
        var whole = (await JsonOf("audit", "history", "item", "tshirt")).GetProperty("steps").EnumerateArray().ToList();

        var page = await JsonOf("audit", "history", "item", "tshirt", "--offset", "2", "--limit", "3");

        var steps = page.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("revision").GetInt64()).ShouldBe([2L, 3L, 4L]);
        steps.Select(s => s.GetProperty("state").GetProperty("available").GetInt32())
            .ShouldBe(whole.Skip(2).Take(3).Select(s => s.GetProperty("state").GetProperty("available").GetInt32()));
        page.GetProperty("next").GetInt32().ShouldBe(5);
        (await JsonOf("audit", "history", "item", "tshirt", "--offset", (events.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task a_cut_history_says_on_stderr_where_the_next_page_starts_and_keeps_stdout_to_the_rows()
    {
        var run = await Cli("audit", "history", "item", "tshirt", "--limit", "2");
        var order = await Cli("audit", "history", "order", "o-2", "--offset", "1", "--limit", "2");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.Count.ShouldBe(3);
        run.Error.ShouldContain("more follow: --offset 2");
        order.ExitCode.ShouldBe(0, order.ToString());
        order.Lines.Skip(1).Select(l => l.Split('\t')[2]).ShouldBe(["V1.StockReserved", "V1.PaymentTimedOut"]);
        order.Error.ShouldContain("--offset 3");
    }

    [Fact]
    public async Task a_long_history_is_read_in_chunks_and_pages_across_them()
    {
        using var data = new TempDataDirectory();
        await using (var writer = await SaleWriter.OpenAsync(data.EventsDb))
        {
            await writer.ListItemAsync("hot", 5000, perUserLimit: 1);
            await Task.WhenAll(Enumerable.Range(0, 700).Select(i => writer.PlaceOrderAsync($"o-{i}", "hot", $"u-{i}")));
        }

        var run = await InProcessCli.RunAsync(false, "audit", "history", "item", "hot", "--offset", "998", "--limit", "4", "--json", "--data-dir", data.Path);
        var all = await InProcessCli.RunAsync(false, "audit", "history", "item", "hot", "--limit", "5000", "--data-dir", data.Path);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("revision").GetInt64()).ShouldBe([998L, 999L, 1000L, 1001L]);
        run.Json.GetProperty("steps")[3].GetProperty("state").GetProperty("reserved").GetInt32().ShouldBe(500);
        all.Lines.Count.ShouldBe(1 + 1 + 1400);
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--offset", "-1")]
    public async Task a_bad_page_is_a_usage_error(params string[] args)
    {
        var run = await Cli(["audit", "history", "item", "tshirt", .. args]);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Out.ShouldBeEmpty();
    }
}

using System.Text.Json;
using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Audit;

public sealed class ExportTests : SaleTests
{
    [Fact]
    public async Task export_of_the_whole_log_as_jsonl_writes_one_event_per_line_to_stdout()
    {
        var events = (await Sale.ReadStreamAsync("tshirt")).Count + (await Sale.ReadStreamAsync("mug")).Count;

        var run = await Cli("audit", "export", "--format", "jsonl");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.Count.ShouldBe(events);
        var first = JsonDocument.Parse(run.Lines[0]).RootElement;
        first.GetProperty("type").GetString().ShouldBe("V1.SaleItemListed");
        first.GetProperty("data").GetProperty("stock").GetInt32().ShouldBe(10);
        first.GetProperty("metadata").GetProperty("actor").GetString().ShouldBe("operator");
    }

    [Fact]
    public async Task export_of_an_item_as_csv_to_a_file_has_a_header_and_a_row_per_event()
    {
        var file = Path.Combine(Sale.DataDir, "mug.csv");

        var run = await Cli("audit", "export", "--item", "mug", "--format", "csv", "--output", file);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("Exported 5 events");
        var lines = await File.ReadAllLinesAsync(file);
        lines.Length.ShouldBe(6);
        lines[0].ShouldStartWith("position,stream_id,revision,type");
        lines[^1].Split(',')[..4].ShouldBe([lines[^1].Split(',')[0], "item-mug", "4", "V1.OrderRejected"]);
        File.Exists(file + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task export_of_an_order_holds_only_its_events()
    {
        var run = await Cli("audit", "export", "--order", "o-1", "--format", "jsonl");

        run.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString())
            .ShouldBe(["V1.OrderPlaced", "V1.StockReserved", "V1.PaymentConfirmed"]);
    }

    [Fact]
    public async Task export_of_an_unknown_order_exits_3()
    {
        var run = await Cli("audit", "export", "--order", "o-404");

        run.ExitCode.ShouldBe(ExitCodes.NotFound);
        run.Out.ShouldBeEmpty();
    }
}

using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.ReadModels.Tests.Audit;

public sealed class CsvExportTests : AuditLogTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tTAB")]
    public async Task a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(string hostile)
    {
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata(hostile, "causation-1", "operator", DateTimeOffset.UnixEpoch));
        var listed = new SaleItemListed("csv", "Mug", 3, 1, null, null, 600, DateTimeOffset.UnixEpoch);
        await Events.AppendAsync(ItemStreams.For("csv"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listed, 0, metadata)]);

        var output = new StringWriter();
        await Export.ExportAsync(new ExportScope(ItemId: "csv"), ExportFormat.Csv, output);

        var row = output.ToString().Split('\n')[1];
        var correlation = $"\"'{hostile.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        row.ShouldContain($",{correlation},causation-1,operator,");
    }
}

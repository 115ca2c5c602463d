using System.Text.Json;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.ReadModels.Tests.Audit;

public sealed class JsonlExportTests : AuditLogTests
{
    [Theory]
    [InlineData("<script>")]
    [InlineData("Tom & Jerry")]
    [InlineData("O'Brien")]
    [InlineData("Caf\u00E9 \u65E5\u672C")]
    [InlineData("tab\there\u0001bell\u2028")]
    public async Task a_json_line_escapes_a_text_the_same_way_in_theEvents_data_and_in_its_metadata(string text)
    {
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata(text, "causation-1", text, DateTimeOffset.UnixEpoch));
        var listed = new SaleItemListed("jsonl", text, 3, 1, null, null, 600, DateTimeOffset.UnixEpoch);
        await Events.AppendAsync(ItemStreams.For("jsonl"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listed, 0, metadata)]);

        var output = new StringWriter();
        await Export.ExportAsync(new ExportScope(ItemId: "jsonl"), ExportFormat.Jsonl, output);

        var line = output.ToString().TrimEnd('\n', '\r');
        var escaped = JsonSerializer.Serialize(text, LogExport.JsonOptions);
        line.ShouldContain($"\"name\":{escaped}");
        line.ShouldContain($"\"actor\":{escaped}");
        line.ShouldContain($"\"correlationId\":{escaped}");
        using var parsed = JsonDocument.Parse(line);
        parsed.RootElement.GetProperty("data").GetProperty("name").GetString().ShouldBe(text);
        parsed.RootElement.GetProperty("metadata").GetProperty("actor").GetString().ShouldBe(text);
    }
}

using System.Text.Json;
using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.Audit;

public sealed class JsonlExportTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteEventStore _events = null!;
    private SqliteReadModelStore _store = null!;
    private LogExport _export = null!;

    public async Task InitializeAsync()
    {
        _events = await SqliteEventStore.OpenAsync(_directory.File("events.db"));
        _store = SqliteReadModelStore.Open(_directory.File("readmodels.db"));
        var projections = AllProjections.Create();
        await _store.InitializeAsync(projections);
        var orders = new OrderLocator(new ReadModelQueries(_store, projections));
        _export = new LogExport(_events, new AuditTrail(_events, orders), orders);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _events.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("Tom & Jerry")]
    [InlineData("O'Brien")]
    [InlineData("Caf\u00E9 \u65E5\u672C")]
    [InlineData("tab\there\u0001bell\u2028")]
    public async Task a_json_line_escapes_a_text_the_same_way_in_the_events_data_and_in_its_metadata(string text)
    {
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata(text, "causation-1", text, DateTimeOffset.UnixEpoch));
        var listed = new SaleItemListed("jsonl", text, 3, 1, null, null, 600, DateTimeOffset.UnixEpoch);
        await _events.AppendAsync(ItemStreams.For("jsonl"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listed, 0, metadata)]);

        var output = new StringWriter();
        await _export.ExportAsync(new ExportScope(ItemId: "jsonl"), ExportFormat.Jsonl, output);

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

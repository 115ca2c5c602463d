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

public sealed class CsvExportTests : IAsyncLifetime
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
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tTAB")]
    public async Task a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(string hostile)
    {
        var metadata = ItemEventSerializer.SerializeMetadata(new EventMetadata(hostile, "causation-1", "operator", DateTimeOffset.UnixEpoch));
        var listed = new SaleItemListed("csv", "Mug", 3, 1, null, null, 600, DateTimeOffset.UnixEpoch);
        await _events.AppendAsync(ItemStreams.For("csv"), ExpectedRevision.NoStream, [ItemEventSerializer.ToEventData(listed, 0, metadata)]);

        var output = new StringWriter();
        await _export.ExportAsync(new ExportScope(ItemId: "csv"), ExportFormat.Csv, output);

        var row = output.ToString().Split('\n')[1];
        var correlation = $"\"'{hostile.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        row.ShouldContain($",{correlation},causation-1,operator,");
    }
}

using FlashSale.Cli;
using FlashSale.Cli.Backup;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using FlashSale.Recovery.Tests.Fixtures;

namespace FlashSale.Recovery.Tests.Migration;

/// <summary>export-log / import-log between the embedded store and EventStoreDB (the in-repo gRPC double), through the
/// CLI as an operator runs it, configured by environment variables.</summary>
[Collection(ProcessCollection.Name)]
public sealed class LogMigrationTests : IAsyncLifetime
{
    private readonly TempDirectory _source = new TempDirectory().Create();
    private readonly TempDirectory _files = new TempDirectory().Create();
    private readonly TempDirectory _target = new();
    private EventStoreDbDouble _eventStoreDb = null!;

    public async Task InitializeAsync()
    {
        _eventStoreDb = await EventStoreDbDouble.StartAsync();
        await SampleSale.WriteAsync(_source.EventsDb);
    }

    private Dictionary<string, string> EventStoreDb => new()
    {
        ["EventStore__Provider"] = "EventStoreDb",
        ["EventStore__ConnectionString"] = _eventStoreDb.ConnectionString,
    };

    [Fact]
    public async Task a_log_moved_to_eventstoredb_and_back_keeps_streams_revisions_ids_data_and_metadata()
    {
        var (fromSqlite, fromEventStoreDb) = (_files.File("from-sqlite.jsonl"), _files.File("from-esdb.jsonl"));

        var export = await CliRunner.RunAsync("export-log", fromSqlite, "--data-dir", _source.Path, "--json");
        var import = await CliRunner.RunProcessAsync(EventStoreDb, "import-log", fromSqlite, "--json");
        var again = await CliRunner.RunProcessAsync(EventStoreDb, "import-log", fromSqlite, "--json");
        var exportBack = await CliRunner.RunProcessAsync(EventStoreDb, "export-log", fromEventStoreDb);
        var importBack = await CliRunner.RunAsync("import-log", fromEventStoreDb, "--data-dir", _target.Path);

        var original = await SampleSale.ReadLogAsync(_source.EventsDb);
        export.ExitCode.ShouldBe(ExitCodes.Ok, export.ToString());
        export.Json.GetProperty("events").GetInt32().ShouldBe(original.Count);
        import.ExitCode.ShouldBe(ExitCodes.Ok, import.ToString());
        import.Json.GetProperty("imported").GetInt32().ShouldBe(original.Count);
        again.ExitCode.ShouldBe(ExitCodes.Ok, again.ToString());
        again.Json.GetProperty("imported").GetInt32().ShouldBe(0, "a re-run finds every event already there");
        again.Json.GetProperty("alreadyThere").GetInt32().ShouldBe(original.Count);
        exportBack.ExitCode.ShouldBe(ExitCodes.Ok, exportBack.ToString());
        var inEventStoreDb = (await File.ReadAllLinesAsync(fromEventStoreDb)).Select(LogLine.Parse).ToList();
        inEventStoreDb.Select(Key).ShouldBe((await File.ReadAllLinesAsync(fromSqlite)).Select(LogLine.Parse).Select(Key),
            "EventStoreDB holds the same streams, revisions, ids, types, data and metadata");
        importBack.ExitCode.ShouldBe(ExitCodes.Ok, importBack.ToString());
        (await SampleSale.ReadLogAsync(_target.EventsDb)).ShouldBeSameEvents(original, "the log back in SQLite");
        var verify = await CliRunner.RunAsync("audit", "verify", "--data-dir", _target.Path);
        verify.ExitCode.ShouldBe(ExitCodes.Ok, verify.ToString());
    }

    [Fact]
    public async Task an_interrupted_import_is_continued_by_running_it_again()
    {
        var whole = _files.File("whole.jsonl");
        (await CliRunner.RunAsync("export-log", whole, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);
        var lines = await File.ReadAllLinesAsync(whole);
        await File.WriteAllLinesAsync(_files.File("cut.jsonl"), lines.Take(lines.Length / 2));
        (await CliRunner.RunAsync("import-log", _files.File("cut.jsonl"), "--data-dir", _target.Path)).ExitCode.ShouldBe(ExitCodes.Ok);

        var rerun = await CliRunner.RunAsync("import-log", whole, "--data-dir", _target.Path, "--json");

        rerun.ExitCode.ShouldBe(ExitCodes.Ok, rerun.ToString());
        rerun.Json.GetProperty("alreadyThere").GetInt32().ShouldBe(lines.Length / 2);
        rerun.Json.GetProperty("imported").GetInt32().ShouldBe(lines.Length - lines.Length / 2);
        (await SampleSale.ReadLogAsync(_target.EventsDb)).ShouldBeSameEvents(await SampleSale.ReadLogAsync(_source.EventsDb), "the continued import");
    }

    [Fact]
    public async Task import_into_a_store_holding_other_events_is_refused_and_writes_nothing()
    {
        var file = _files.File("log.jsonl");
        (await CliRunner.RunAsync("export-log", file, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);
        await SampleSale.WriteAsync(_target.EventsDb, prefix: "other-");
        var before = await SampleSale.ReadLogAsync(_target.EventsDb);

        var run = await CliRunner.RunAsync("import-log", file, "--data-dir", _target.Path);

        run.ExitCode.ShouldBe(ExitCodes.Refused, run.ToString());
        run.Error.ShouldContain("The target store is not empty (its first event is item-other-tshirt@0");
        (await SampleSale.ReadLogAsync(_target.EventsDb)).ShouldBeSameEvents(before, "the target is untouched");
    }

    [Fact]
    public async Task backup_on_eventstoredb_points_to_the_servers_own_tools()
    {
        var run = await CliRunner.RunProcessAsync(EventStoreDb, "backup", _files.File("esdb.db"));

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Error.ShouldContain("`flashsale backup` is for the embedded SQLite log only; back up EventStoreDB/KurrentDB with its own tools");
        File.Exists(_files.File("esdb.db")).ShouldBeFalse();
    }

    private static string Key(LogLine line) =>
        $"{line.Stream}@{line.Revision} {line.EventId} {line.Type} {Convert.ToBase64String(line.Data.Span)} {Convert.ToBase64String(line.Metadata.Span)}";

    public async Task DisposeAsync()
    {
        await _eventStoreDb.DisposeAsync();
        _source.Dispose();
        _files.Dispose();
        _target.Dispose();
    }
}

using System.Text.Json;
using FlashSale.Cli;
using FlashSale.Recovery.Tests.Fixtures;

namespace FlashSale.Recovery.Tests.Backup;

public sealed class BackupAndRestoreTests : IDisposable
{
    private readonly TempDirectory _source = new TempDirectory().Create();
    private readonly TempDirectory _backups = new TempDirectory().Create();
    private readonly TempDirectory _restored = new();

    private string BackupFile => _backups.File("sale.db");

    [Fact]
    public async Task a_backup_restored_into_an_empty_directory_holds_the_same_log_and_verified_read_models()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        var original = await SampleSale.ReadLogAsync(_source.EventsDb);

        var backup = await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path, "--json");
        var restore = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path, "--json");

        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(BackupFile + ".manifest.json")).RootElement;
        manifest.GetProperty("eventCount").GetInt64().ShouldBe(original.Count);
        manifest.GetProperty("lastPosition").GetString().ShouldBe(original[^1].Position.ToToken());
        manifest.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(BackupFile))));
        manifest.GetProperty("sourcePath").GetString().ShouldBe(_source.EventsDb);
        manifest.GetProperty("format").GetString().ShouldBe("flashsale-sqlite-event-log/1");
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        restore.Json.GetProperty("verify").GetProperty("clean").GetBoolean().ShouldBeTrue();
        restore.Json.GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("projection").GetString())
            .ShouldBe(["inventory", "order-status", "dead-letters"], ignoreOrder: true);
        (await SampleSale.ReadLogAsync(_restored.EventsDb)).ShouldBeSameEvents(original, "the restored log");
        var items = await CliRunner.RunAsync("items", "show", "mug", "--data-dir", _restored.Path, "--json", "--no-catch-up");
        items.Json.GetProperty("item").GetProperty("available").GetInt32().ShouldBe(0, items.ToString());
        var deadLetters = await CliRunner.RunAsync("dlq", "list", "--data-dir", _restored.Path, "--json", "--no-catch-up");
        deadLetters.Out.ShouldContain("o-2", Case.Sensitive, deadLetters.ToString());
    }

    [Fact]
    public async Task restore_shows_plain_progress_lines_when_redirected()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        (await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);

        var restore = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path);

        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        restore.Out.ShouldContain("Checksum verified");
        restore.Out.ShouldContain("rebuild order-status: done 100%");
        restore.Out.ShouldContain("audit verify: clean");
        restore.Out.ShouldNotContain("\u001b[");
    }

    [Fact]
    public async Task backup_refuses_to_overwrite_an_existing_file_unless_forced()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        await File.WriteAllTextAsync(BackupFile, "an older backup");

        var refused = await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path);
        var untouched = await File.ReadAllTextAsync(BackupFile);
        var forced = await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path, "--force");

        refused.ExitCode.ShouldBe(ExitCodes.Usage, refused.ToString());
        refused.Error.ShouldContain("already exists; pass --force");
        untouched.ShouldBe("an older backup");
        forced.ExitCode.ShouldBe(ExitCodes.Ok, forced.ToString());
        (await File.ReadAllBytesAsync(BackupFile)).Length.ShouldBeGreaterThan(4096);
    }

    [Fact]
    public async Task backup_without_an_event_log_names_the_data_directory()
    {
        var run = await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _restored.Path);

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Error.ShouldContain($"No event log at {_restored.EventsDb}");
        File.Exists(BackupFile).ShouldBeFalse();
    }

    [Fact]
    public async Task a_damaged_backup_is_refused_and_nothing_is_written()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        (await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);
        var bytes = await File.ReadAllBytesAsync(BackupFile);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(BackupFile, bytes);

        var run = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path);

        run.ExitCode.ShouldBe(ExitCodes.Refused, run.ToString());
        run.Error.ShouldContain("is damaged: its SHA-256 is");
        run.Error.ShouldContain("Nothing was restored.");
        Directory.Exists(_restored.Path).ShouldBeFalse();
    }

    [Fact]
    public async Task a_backup_without_its_manifest_is_refused()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        (await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);
        File.Delete(BackupFile + ".manifest.json");

        var run = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path);

        run.ExitCode.ShouldBe(ExitCodes.Refused, run.ToString());
        run.Error.ShouldContain("No manifest at");
        Directory.Exists(_restored.Path).ShouldBeFalse();
    }

    [Fact]
    public async Task restore_refuses_a_directory_that_is_not_empty_and_with_force_moves_its_stores_aside()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        (await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);
        await SampleSale.WriteAsync(_restored.EventsDb, prefix: "other-");
        var before = await File.ReadAllBytesAsync(_restored.EventsDb);

        var refused = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path);
        var unchanged = await File.ReadAllBytesAsync(_restored.EventsDb);
        var forced = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path, "--force", "--json");

        refused.ExitCode.ShouldBe(ExitCodes.Usage, refused.ToString());
        refused.Error.ShouldContain("is not empty (events.db");
        unchanged.ShouldBe(before);
        forced.ExitCode.ShouldBe(ExitCodes.Ok, forced.ToString());
        var aside = forced.Json.GetProperty("restored").GetProperty("movedAside").GetString()!;
        (await SampleSale.ReadLogAsync(Path.Combine(aside, "events.db"))).ShouldContain(e => e.StreamId == "item-other-tshirt");
        (await SampleSale.ReadLogAsync(_restored.EventsDb)).ShouldNotContain(e => e.StreamId == "item-other-tshirt");
    }

    public void Dispose()
    {
        _source.Dispose();
        _backups.Dispose();
        _restored.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashSale.Cli;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.EventStore.Sqlite.Snapshots;
using FlashSale.Recovery.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace FlashSale.Recovery.Tests.Backup;

/// <summary>A backup carries the item snapshots (<c>snapshots.db</c>) after the log, so a restored directory loads a big
/// item from its snapshot instead of replaying it (ADR 0016, ADR 0018).</summary>
[Collection(ProcessCollection.Name)]
public sealed class SnapshotsBackupTests(ITestOutputHelper output) : IDisposable
{
    private const int Buyers = 16;
    private const int SnapshotEvery = 100;
    private const string BigItem = "big";
    private readonly TempDirectory _source = new TempDirectory().Create();
    private readonly TempDirectory _backups = new TempDirectory().Create();
    private readonly TempDirectory _restored = new();

    private string BackupFile => _backups.File("sale.db");

    private string SnapshotsFile => BackupFile + ".snapshots.db";

    [Fact]
    public async Task a_backup_under_load_restores_the_snapshots_and_the_first_command_on_a_big_item_loads_from_its_snapshot()
    {
        var settings = new Dictionary<string, string> { ["CommandPath__SnapshotEvery"] = SnapshotEvery.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var acknowledged = new ConcurrentQueue<Acknowledged>();
        CliRun backup;
        long bigSnapshotAtBackup;
        using (var api = await ApiProcess.StartAsync(_source.Path, settings))
        {
            using (var operatorClient = api.CreateClient(ApiProcess.OperatorKey))
                foreach (var item in new[] { BigItem, "small-1", "small-2" })
                    (await operatorClient.ListItemAsync(item, stock: 100_000)).Status.ShouldBe(HttpStatusCode.Created);
            using var buyer = api.CreateClient();
            // The big item first, then quiet during the backup: a snapshot newer than the log copy would (harmlessly) not be
            // used, and this test is about one that is.
            await LoadAsync(buyer, [BigItem], acknowledged, until: () => acknowledged.Count >= 4 * SnapshotEvery + 50);
            await WaitForAsync(async () => await SnapshotRevisionAsync(_source.File("snapshots.db"), BigItem) >= 3 * SnapshotEvery, "a snapshot of the big item");
            bigSnapshotAtBackup = (await SnapshotRevisionAsync(_source.File("snapshots.db"), BigItem))!.Value;

            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Buyers).Select(b => Task.Run(() => BuyersUnderLoad.BuyAsync(buyer, b, ["small-1", "small-2"], acknowledged, stop.Token))).ToList();
            var before = acknowledged.Count;
            await WaitForAsync(() => Task.FromResult(acknowledged.Count >= before + 100), "orders on the small items before the backup", load);
            backup = await CliRunner.RunProcessAsync(null, "backup", BackupFile, "--data-dir", _source.Path, "--json");
            var atBackup = acknowledged.Count;
            await WaitForAsync(() => Task.FromResult(acknowledged.Count >= atBackup + 100), "orders after the backup", load);
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        var manifest = backup.Json.GetProperty("backup");
        var snapshots = manifest.GetProperty("snapshots");
        snapshots.GetProperty("file").GetString().ShouldBe(Path.GetFileName(SnapshotsFile));
        snapshots.GetProperty("sha256").GetString().ShouldBe(Sha256Of(SnapshotsFile));
        snapshots.GetProperty("snapshotCount").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        var last = LogPosition.At(ulong.Parse(manifest.GetProperty("lastPosition").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var restore = await CliRunner.RunProcessAsync(null, "restore", BackupFile, "--data-dir", _restored.Path);
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        restore.Out.ShouldContain("Restored the item snapshots");
        restore.Out.ShouldContain("audit verify: clean");
        Sha256Of(_restored.File("snapshots.db")).ShouldBe(Sha256Of(SnapshotsFile), "the snapshots are put in place as backed up");

        var inBackup = acknowledged.Where(a => a.Answer.Position <= last.Commit).ToList();
        output.WriteLine($"backup at {last}; big item's snapshot at revision {bigSnapshotAtBackup}; {inBackup.Count} answers inside the backup");
        var loading = new Dictionary<string, string>(settings) { ["Logging__LogLevel__FlashSale.Application.CommandPath.ItemWriter"] = "Information" };
        using var restoredApi = await ApiProcess.StartAsync(_restored.Path, loading);
        using var client = restoredApi.CreateClient();
        var firstBig = inBackup.First(a => a.ItemId == BigItem);
        var again = await client.PlaceOrderAsync(firstBig.OrderId, firstBig.ItemId, firstBig.UserId);
        again.SameAs(firstBig.Answer).ShouldBeTrue($"before {firstBig.Answer}, after restore {again}");
        var loaded = restoredApi.Output.Split('\n').Where(l => l.Contains("Item big loaded", StringComparison.Ordinal)).ToList();
        loaded.ShouldHaveSingleItem(restoredApi.Output).ShouldContain("from its snapshot at revision", Case.Sensitive, "not a full replay");

        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(inBackup, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (ack, ct) =>
        {
            var repeat = await client.PlaceOrderAsync(ack.OrderId, ack.ItemId, ack.UserId, ct);
            if (!repeat.SameAs(ack.Answer)) mismatches.Add($"{ack.OrderId}: before {ack.Answer}, after restore {repeat}");
        });
        mismatches.ShouldBeEmpty();
        await using var restoredLog = await SqliteEventStore.OpenAsync(_restored.EventsDb);
        (await restoredLog.ReadHeadPositionAsync()).ShouldBe(last, "repeats of backed-up orders append nothing");
    }

    [Fact]
    public async Task a_damaged_snapshots_file_in_a_backup_refuses_the_restore_naming_it_unless_restored_without_snapshots()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        await (await SqliteSnapshotStore.OpenAsync(_source.File("snapshots.db"))).DisposeAsync();
        SqliteConnection.ClearAllPools();
        (await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);
        var bytes = await File.ReadAllBytesAsync(SnapshotsFile);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(SnapshotsFile, bytes);

        var refused = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path);

        refused.ExitCode.ShouldBe(ExitCodes.Refused, refused.ToString());
        refused.Error.ShouldContain($"The backup's item snapshots {SnapshotsFile} are damaged");
        refused.Error.ShouldContain("--without-snapshots");
        Directory.Exists(_restored.Path).ShouldBeFalse("nothing was written");

        var restored = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path, "--without-snapshots");
        restored.ExitCode.ShouldBe(ExitCodes.Ok, restored.ToString());
        restored.Out.ShouldContain("No item snapshots restored");
        File.Exists(_restored.File("snapshots.db")).ShouldBeFalse();
        (await SampleSale.ReadLogAsync(_restored.EventsDb)).ShouldBeSameEvents(await SampleSale.ReadLogAsync(_source.EventsDb), "the restored log");
    }

    [Fact]
    public async Task a_backup_whose_manifest_has_no_snapshots_entry_restores_the_log_alone()
    {
        await SampleSale.WriteAsync(_source.EventsDb);
        await (await SqliteSnapshotStore.OpenAsync(_source.File("snapshots.db"))).DisposeAsync();
        SqliteConnection.ClearAllPools();
        (await CliRunner.RunAsync("backup", BackupFile, "--data-dir", _source.Path)).ExitCode.ShouldBe(ExitCodes.Ok);
        // What a backup of the release before looks like: the log and a manifest without the entry.
        var manifestPath = BackupFile + ".manifest.json";
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!.AsObject();
        manifest.Remove("snapshots").ShouldBeTrue("the backup had snapshots to leave out");
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        File.Delete(SnapshotsFile);

        var restored = await CliRunner.RunAsync("restore", BackupFile, "--data-dir", _restored.Path, "--json");

        restored.ExitCode.ShouldBe(ExitCodes.Ok, restored.ToString());
        restored.Json.GetProperty("restored").GetProperty("snapshots").ValueKind.ShouldBe(JsonValueKind.Null);
        restored.Json.GetProperty("verify").GetProperty("clean").GetBoolean().ShouldBeTrue();
        File.Exists(_restored.File("snapshots.db")).ShouldBeFalse();
    }

    private static async Task LoadAsync(HttpClient client, string[] items, ConcurrentQueue<Acknowledged> acknowledged, Func<bool> until)
    {
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Buyers).Select(b => Task.Run(() => BuyersUnderLoad.BuyAsync(client, b, items, acknowledged, stop.Token, $"{items[0]}-"))).ToList();
        await WaitForAsync(() => Task.FromResult(until()), $"orders on {string.Join(", ", items)}", load);
        await stop.CancelAsync();
        await Task.WhenAll(load);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, List<Task>? load = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            if (load?.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>The revision of the item's stored snapshot, read beside the running API; null when it has none yet.</summary>
    private static async Task<long?> SnapshotRevisionAsync(string snapshotsDb, string itemId)
    {
        if (!File.Exists(snapshotsDb)) return null;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshotsDb, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "PRAGMA busy_timeout = 10000; SELECT revision FROM snapshots WHERE stream_id = $stream";
        select.Parameters.AddWithValue("$stream", "item-" + itemId);
        try
        {
            return await select.ExecuteScalarAsync() is long revision ? revision : null;
        }
        catch (SqliteException)
        {
            return null; // the table is not created yet
        }
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose()
    {
        _source.Dispose();
        _backups.Dispose();
        _restored.Dispose();
    }
}

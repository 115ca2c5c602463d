using System.Collections.Concurrent;
using System.Net;
using FlashSale.Cli;
using FlashSale.EventStore;
using FlashSale.EventStore.Sqlite;
using FlashSale.Recovery.Tests.Fixtures;
using Xunit.Abstractions;

namespace FlashSale.Recovery.Tests.Backup;

[Collection(ProcessCollection.Name)]
public sealed class BackupUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Buyers = 16;
    private readonly TempDirectory _source = new TempDirectory().Create();
    private readonly TempDirectory _backups = new TempDirectory().Create();
    private readonly TempDirectory _restored = new();

    [Fact]
    public async Task a_backup_taken_while_orders_arrive_restores_exactly_its_events_and_the_restored_api_answers_repeats_identically()
    {
        var backupFile = _backups.File("under-load.db");
        var items = new[] { "hoodie", "cap" };
        var acknowledged = new ConcurrentQueue<Acknowledged>();
        LogPosition? headBefore, headAfter;
        CliRun backup;
        using (var api = await ApiProcess.StartAsync(_source.Path))
        {
            using (var operatorClient = api.CreateClient(ApiProcess.OperatorKey))
                foreach (var item in items) (await operatorClient.ListItemAsync(item, stock: 150)).Status.ShouldBe(HttpStatusCode.Created);
            using var buyer = api.CreateClient();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Buyers).Select(b => Task.Run(() => BuyersUnderLoad.BuyAsync(buyer, b, items, acknowledged, stop.Token))).ToList();

            await WaitForAsync(() => acknowledged.Count >= 100, load, "100 answered orders before the backup");
            headBefore = await HeadAsync(_source.EventsDb);
            backup = await CliRunner.RunProcessAsync(null, "backup", backupFile, "--data-dir", _source.Path, "--json");
            headAfter = await HeadAsync(_source.EventsDb);
            var answeredAtBackup = acknowledged.Count;
            await WaitForAsync(() => acknowledged.Count >= answeredAtBackup + 100, load, "100 more answered orders after the backup");
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.ToString());
        var manifest = backup.Json.GetProperty("backup");
        var last = LogPosition.At(ulong.Parse(manifest.GetProperty("lastPosition").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        output.WriteLine($"head before the backup {headBefore}, backup at {last}, head after {headAfter}; {acknowledged.Count} answers");
        last.ShouldBeGreaterThanOrEqualTo(headBefore!.Value);
        last.ShouldBeLessThanOrEqualTo(headAfter!.Value);
        headAfter.Value.ShouldBeGreaterThan(headBefore.Value, "orders kept being appended while the backup ran");

        var restore = await CliRunner.RunProcessAsync(null, "restore", backupFile, "--data-dir", _restored.Path);
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.ToString());
        restore.Out.ShouldContain("audit verify: clean");

        var source = await SampleSale.ReadLogAsync(_source.EventsDb);
        var restored = await SampleSale.ReadLogAsync(_restored.EventsDb);
        source[^1].Position.ShouldBeGreaterThan(last, "the source went on after the backup point");
        restored.ShouldBeSameEvents([.. source.Where(e => e.Position <= last)], "every event up to the backup point, nothing after it");
        restored.Count.ShouldBe(manifest.GetProperty("eventCount").GetInt32());

        var inBackup = acknowledged.Where(a => a.Answer.Position <= last.Commit).ToList();
        var afterBackup = acknowledged.Where(a => a.Answer.Position > last.Commit).ToList();
        output.WriteLine($"{inBackup.Count} answers inside the backup ({inBackup.Count(a => a.Answer.Status == HttpStatusCode.Created)} x 201), {afterBackup.Count} after it");
        inBackup.ShouldNotBeEmpty();
        afterBackup.ShouldNotBeEmpty();
        using var restoredApi = await ApiProcess.StartAsync(_restored.Path);
        using var client = restoredApi.CreateClient();
        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(inBackup, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (ack, ct) =>
        {
            var again = await client.PlaceOrderAsync(ack.OrderId, ack.ItemId, ack.UserId, ct);
            if (!again.SameAs(ack.Answer)) mismatches.Add($"{ack.OrderId}: before {ack.Answer}, after restore {again}");
        });
        mismatches.ShouldBeEmpty();
        (await HeadAsync(_restored.EventsDb)).ShouldBe(last, "repeats of backed-up orders append nothing");
        foreach (var ack in afterBackup.Take(5))
            (await client.GetAnswerAsync($"/api/orders/{ack.OrderId}?itemId={ack.ItemId}")).Status.ShouldBe(HttpStatusCode.NotFound, $"{ack.OrderId} came after the backup");
    }

    private static async Task WaitForAsync(Func<bool> condition, List<Task> load, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            if (load.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private static async Task<LogPosition?> HeadAsync(string eventsDb)
    {
        await using var store = await SqliteEventStore.OpenAsync(eventsDb);
        return await store.ReadHeadPositionAsync();
    }

    public void Dispose()
    {
        _source.Dispose();
        _backups.Dispose();
        _restored.Dispose();
    }
}

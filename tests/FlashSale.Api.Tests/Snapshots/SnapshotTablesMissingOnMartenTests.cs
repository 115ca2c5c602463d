using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Logging;
using FlashSale.Api.Tests.Marten;
using FlashSale.Application.CommandPath;
using FlashSale.Contracts;
using FlashSale.EventStore.Logging;
using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.EventStore.Snapshots;
using FlashSale.Testing.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Snapshots;

/// <summary>
/// <c>EventStore:CreateSchema=false</c> on a database whose event tables exist but where nobody ran
/// <c>flashsale event-store create-schema</c> since the snapshot tables came (ADR 0021): the process says so once at
/// start, takes orders with snapshots off (no failing read per item, no failing write per batch), and once the command has
/// run it finds the tables at a later look and writes snapshots again, without a restart (ADR 0032). With snapshots off
/// (<c>CommandPath:SnapshotEvery=0</c>) nothing looks for the tables.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SnapshotTablesMissingOnMartenTests(PostgresServer server)
{
    [Fact]
    public async Task without_the_snapshot_tables_one_warning_names_them_and_the_command_and_orders_are_taken_with_snapshots_off()
    {
        var settings = await LockedDownSettingsAsync();
        var itemId = Ids.New("nosnap");
        var logs = new CapturedLogs();
        using (var api = new FlashSaleApiFactory(settings) { Logs = logs })
        {
            (await api.ListItemAsync(itemId, stock: 30, perUserLimit: 2)).Status.ShouldBe(HttpStatusCode.Created);
            var answers = await PlaceAsync(api, itemId, from: 0);

            answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.Conflict);
            var load = api.Services.GetRequiredService<ItemCommandPath>().ActiveWriters.Single(w => w.ItemId == itemId).LastLoad;
            load.ShouldNotBeNull().WhyNoSnapshot.ShouldBe("no snapshot");
        }

        var warning = logs.WithEvent(LogEvents.SnapshotTablesMissing).ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldSatisfyAllConditions(
            m => m.ShouldContain("snapshots, snapshot_entries"),
            m => m.ShouldContain($"schema {settings["EventStore:Schema"]}"),
            m => m.ShouldContain("`flashsale event-store create-schema`"),
            m => m.ShouldContain("without a restart"));
        logs.WithEvent(LogEvents.SnapshotNotUsed).ShouldBeEmpty();
        logs.Lines.Where(l => l.Level >= LogLevel.Error).ShouldBeEmpty();
    }

    [Fact]
    public async Task after_create_schema_a_restarted_process_writes_snapshots_and_no_longer_warns()
    {
        var settings = await LockedDownSettingsAsync();
        var itemId = Ids.New("nosnap");
        using (var api = new FlashSaleApiFactory(settings))
        {
            (await api.ListItemAsync(itemId, stock: 30, perUserLimit: 2)).Status.ShouldBe(HttpStatusCode.Created);
            await PlaceAsync(api, itemId, from: 0);
        }
        var marten = new MartenEventStoreSettings(settings["EventStore:ConnectionString"]!, settings["EventStore:Schema"]!, CreateSchema: false);

        await MartenEventStoreSchema.CreateOrMigrateAsync(marten);

        var logs = new CapturedLogs();
        using (var api = new FlashSaleApiFactory(settings) { Logs = logs })
            await PlaceAsync(api, itemId, from: 25);
        logs.WithEvent(LogEvents.SnapshotTablesMissing).ShouldBeEmpty();
        await using var snapshots = await MartenSnapshotStore.OpenAsync(marten);
        (await snapshots.ReadAsync(ItemStreams.For(itemId))).ShouldNotBeNull().Revision.ShouldBeGreaterThan(25);
    }

    [Fact]
    public async Task with_snapshots_off_nothing_looks_for_the_snapshot_tables()
    {
        var settings = await LockedDownSettingsAsync(new() { ["CommandPath:SnapshotEvery"] = "0" });
        var itemId = Ids.New("nosnap");
        var logs = new CapturedLogs();
        using (var api = new FlashSaleApiFactory(settings) { Logs = logs })
        {
            (await api.ListItemAsync(itemId, stock: 30, perUserLimit: 2)).Status.ShouldBe(HttpStatusCode.Created);
            (await PlaceAsync(api, itemId, from: 0)).ShouldAllBe(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.Conflict);
            api.Services.GetRequiredService<ItemCommandPath>().ActiveWriters.Single(w => w.ItemId == itemId).LastLoad
                .ShouldNotBeNull().WhyNoSnapshot.ShouldBe("snapshots are off");
        }

        logs.WithEvent(LogEvents.SnapshotTablesMissing).ShouldBeEmpty();
        logs.Lines.Where(l => l.Level >= LogLevel.Warning && l.Message.Contains("snapshot", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
    }

    [Fact]
    public async Task tables_created_while_the_api_runs_are_found_at_a_later_look_and_snapshots_are_written_without_a_restart()
    {
        var settings = await LockedDownSettingsAsync(new()
        {
            ["EventStore:SnapshotTablesRecheckSeconds"] = "1",
            [$"Logging:LogLevel:{typeof(MartenSnapshotStore).FullName}"] = "Information",
        });
        var itemId = Ids.New("latesnap");
        var logs = new CapturedLogs();
        var marten = new MartenEventStoreSettings(settings["EventStore:ConnectionString"]!, settings["EventStore:Schema"]!, CreateSchema: false);
        using (var api = new FlashSaleApiFactory(settings) { Logs = logs })
        {
            (await api.ListItemAsync(itemId, stock: 1_000, perUserLimit: 1_000)).Status.ShouldBe(HttpStatusCode.Created);
            await PlaceAsync(api, itemId, from: 0);
            logs.WithEvent(LogEvents.SnapshotTablesMissing).ShouldHaveSingleItem();

            await MartenEventStoreSchema.CreateOrMigrateAsync(marten);
            await using var snapshots = await MartenSnapshotStore.OpenAsync(marten);
            (await snapshots.ReadAsync(ItemStreams.For(itemId))).ShouldBeNull("nothing written while the tables were missing");
            await Task.Delay(TimeSpan.FromSeconds(1.2));

            StoredSnapshot? written = null;
            for (var i = 25; i < 525 && written is null; i += 25)
            {
                (await PlaceAsync(api, itemId, from: i)).ShouldAllBe(a => a.Status == HttpStatusCode.Created);
                written = await snapshots.ReadAsync(ItemStreams.For(itemId));
                if (written is null) await Task.Delay(100);
            }
            written.ShouldNotBeNull("a snapshot written by the process that started without the tables");
        }

        var found = logs.WithEvent(LogEvents.SnapshotTablesFound).ShouldHaveSingleItem();
        found.Level.ShouldBe(LogLevel.Information);
        found.Message.ShouldContain($"schema {settings["EventStore:Schema"]}");
        logs.WithEvent(LogEvents.SnapshotTablesMissing).ShouldHaveSingleItem();
        logs.Lines.Where(l => l.Level >= LogLevel.Error).ShouldBeEmpty();
    }

    /// <summary>Marten's tables created (as by a create-schema of a release before the snapshot tables), the process may not
    /// create any.</summary>
    private async Task<Dictionary<string, string?>> LockedDownSettingsAsync(Dictionary<string, string?>? more = null)
    {
        var given = new Dictionary<string, string?>
        {
            ["EventStore:CreateSchema"] = "false",
            ["CommandPath:SnapshotEvery"] = "10",
        };
        foreach (var (key, value) in more ?? []) given[key] = value;
        var settings = await MartenApi.SettingsAsync(server, nameof(SnapshotTablesMissingOnMartenTests), given);
        await using (await MartenEventStore.OpenAsync(new MartenEventStoreSettings(settings["EventStore:ConnectionString"]!,
            settings["EventStore:Schema"]!, CreateSchema: true))) { }
        return settings;
    }

    private static async Task<List<HttpAnswer>> PlaceAsync(FlashSaleApiFactory api, string itemId, int from)
    {
        var answers = new List<HttpAnswer>();
        for (var i = from; i < from + 25; i++) answers.Add(await api.PlaceOrderAsync($"order-{i}", itemId, $"buyer-{i % 20}"));
        return answers;
    }
}

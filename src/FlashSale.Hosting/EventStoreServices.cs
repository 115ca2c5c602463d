using FlashSale.EventStore;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.Marten;
using FlashSale.EventStore.Marten.Snapshots;
using FlashSale.EventStore.Snapshots;
using FlashSale.EventStore.Sqlite;
using FlashSale.EventStore.Sqlite.Snapshots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting;

public static class EventStoreServices
{
    /// <summary>The configured event store: EventStore:Provider = Sqlite (default, under Storage:DataDirectory) | EventStoreDb
    /// (EventStore:ConnectionString) | PostgreSql or Marten (EventStore:ConnectionString, EventStore:Schema).</summary>
    public static IServiceCollection AddFlashSaleEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFlashSaleStorage(configuration);
        services.AddSingleton<IValidateOptions<EventStoreOptions>, EventStoreOptionsValidator>();
        services.AddOptions<EventStoreOptions>().Bind(configuration.GetSection(EventStoreOptions.Section)).ValidateOnStart();
        services.AddSingleton<IEventStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EventStoreOptions>>().Value;
            if (options.IsEventStoreDb)
            {
                var store = EventStoreDbEventStore.Connect(options.ConnectionString!, sp.GetRequiredService<ILogger<EventStoreDbEventStore>>());
                sp.GetRequiredService<ILogger<EventStoreDbEventStore>>().EventStoreOpened("EventStoreDB", store.Settings.ToString()!);
                return store;
            }
            if (options.IsPostgreSql)
            {
                var settings = new MartenEventStoreSettings(options.ConnectionString!, options.Schema, options.CreateSchema);
                var store = MartenEventStore.OpenAsync(settings).GetAwaiter().GetResult();
                sp.GetRequiredService<ILogger<MartenEventStore>>().EventStoreOpened($"PostgreSQL (Marten, schema {settings.Schema})",
                    StoreLog.PostgreSqlLocation(settings.ConnectionString));
                return store;
            }
            var path = sp.GetRequiredService<IOptions<StorageOptions>>().Value.EventsDatabasePath;
            sp.GetRequiredService<ILogger<SqliteEventStore>>().EventStoreOpened("SQLite", path);
            // CommandPath:GroupCommit=false, one append per order, also means one durable commit per order (ADR 0034).
            var commitTogether = configuration.GetValue("CommandPath:GroupCommit", defaultValue: true);
            return SqliteEventStore.OpenAsync(path, new SqliteEventStoreOptions { CommitAppendsTogether = commitTogether }).GetAwaiter().GetResult();
        });
        // Each event store keeps its items' snapshots beside it (ADR 0018, 0021). Resolved by the command path only when
        // CommandPath:SnapshotEvery is on.
        services.AddSingleton<ISnapshotStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EventStoreOptions>>().Value;
            if (options.IsEventStoreDb)
                return EventStoreDbSnapshotStore.Connect(options.ConnectionString!, sp.GetService<ILogger<EventStoreDbSnapshotStore>>());
            if (options.IsPostgreSql)
                return OpenMartenSnapshots(options, sp.GetRequiredService<ILogger<MartenSnapshotStore>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System);
            return SqliteSnapshotStore.OpenAsync(sp.GetRequiredService<IOptions<StorageOptions>>().Value.SnapshotsDatabasePath).GetAwaiter().GetResult();
        });
        return services;
    }

    /// <summary>When the tables are missing and this process may not create them, every item replays its stream (as before
    /// ADR 0021) and one warning says how to turn snapshots on, rather than a failed read per item and a failed write per
    /// batch; the store looks for the tables again now and then and uses them once they are there (ADR 0032).</summary>
    private static ISnapshotStore OpenMartenSnapshots(EventStoreOptions options, ILogger logger, TimeProvider clock)
    {
        var settings = new MartenEventStoreSettings(options.ConnectionString!, options.Schema, options.CreateSchema);
        var store = MartenSnapshotStore.OpenAsync(settings).GetAwaiter().GetResult();
        if (settings.CreateSchema) return store;
        IReadOnlyList<string> missing;
        try
        {
            missing = store.MissingTablesAsync().GetAwaiter().GetResult();
        }
        catch
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        if (missing.Count == 0) return store;
        logger.SnapshotTablesMissing(settings.Schema, string.Join(", ", missing), MartenEventStoreSchema.Command, options.SnapshotTablesRecheckSeconds);
        return new MissingTablesSnapshotStore(store, clock, TimeSpan.FromSeconds(options.SnapshotTablesRecheckSeconds),
            () => logger.SnapshotTablesFound(settings.Schema, string.Join(", ", MartenSnapshotStore.Tables)));
    }

    public static IServiceCollection AddFlashSaleStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Storage:DataDirectory must name a directory.")
            .ValidateOnStart();
        return services;
    }
}

using FlashSale.EventStore;
using FlashSale.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Cli.Backup;

/// <summary>The configured event store alone (no read store, no write side): what backup, restore, export-log and
/// import-log work on. Its options are bound and validated as the API's start does, so a bad key names itself.</summary>
internal sealed class ConfiguredLog : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConfiguredLog(ServiceProvider services)
    {
        _services = services;
        Options = services.GetRequiredService<IOptions<EventStoreOptions>>().Value;
        Storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
    }

    public EventStoreOptions Options { get; }

    public StorageOptions Storage { get; }

    public bool IsEmbedded => !Options.IsEventStoreDb && !Options.IsPostgreSql;

    public static ConfiguredLog From(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddLogging().AddFlashSaleEventStore(configuration).BuildServiceProvider();
        try
        {
            return new ConfiguredLog(services);
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>Backup and restore copy the embedded SQLite file; a server keeps its own backups.</summary>
    public void RequireEmbedded(string command)
    {
        if (IsEmbedded) return;
        var tools = Options.IsEventStoreDb
            ? "back up EventStoreDB/KurrentDB with its own tools (a file copy of a stopped node or a disk snapshot of its data volume)"
            : "back up the PostgreSQL event store with PostgreSQL's own tools (pg_dump / pg_basebackup)";
        throw CliException.Configuration(
            $"EventStore:Provider is '{Options.Provider}': `flashsale {command}` is for the embedded SQLite log only; {tools}, " +
            "see RUNBOOK.md. To move a log between stores use `flashsale export-log` / `flashsale import-log`.");
    }

    /// <summary>The embedded log must already exist: opening the store would otherwise create an empty one.</summary>
    public void RequireExistingLog()
    {
        if (!IsEmbedded || File.Exists(Storage.EventsDatabasePath)) return;
        throw CliException.Configuration(
            $"No event log at {Storage.EventsDatabasePath} ({Hosting.CliConfiguration.DataDirectoryKey} is '{Storage.DataDirectory}'). " +
            "Run in the API's working directory, or set Storage__DataDirectory, appsettings.json or --data-dir.");
    }

    public IEventStore Store => _services.GetRequiredService<IEventStore>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

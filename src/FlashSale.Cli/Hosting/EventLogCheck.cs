using System.Data.Common;
using System.Text;
using FlashSale.EventStore;
using FlashSale.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Cli.Hosting;

/// <summary>
/// The embedded event log must be there and be an SQLite database before the CLI touches anything: a missing or
/// foreign file is one line naming the path (exit 4), a damaged one one line with SQLite's reason (exit 6), and in
/// neither case is a store (events.db, readmodels.db) created next to it.
/// </summary>
public static class EventLogCheck
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Before any store is opened.</summary>
    public static void RequireFile(IServiceProvider services)
    {
        if (!IsSqlite(services)) return;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var path = storage.EventsDatabasePath;
        if (!File.Exists(path))
            throw CliException.Configuration(
                $"No event log at {path} ({StorageOptions.DataDirectoryKey} is '{storage.DataDirectory}', relative to the working directory). " +
                "Run where the API runs, or set Storage__DataDirectory, appsettings.json or --data-dir.");
        if (Header(path) is { } problem)
            throw CliException.Configuration($"The file at {path} is not an event log: {problem}. Nothing was written; check {StorageOptions.DataDirectoryKey}.");
    }

    /// <summary>Opens the event store, so that a damaged log fails here, before the read store is created.</summary>
    public static void Open(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IEventStore>();
        }
        catch (DbException ex) when (IsSqlite(services))
        {
            var path = services.GetRequiredService<IOptions<StorageOptions>>().Value.EventsDatabasePath;
            throw new CliException(ExitCodes.Failed, $"The event log at {path} cannot be read: {ex.Message} Restore it from a backup.");
        }
    }

    private static string? Header(string path)
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read == 0) return "it is empty";
        return header.AsSpan(0, read).SequenceEqual(SqliteHeader) ? null : "it is not an SQLite database";
    }

    private static bool IsSqlite(IServiceProvider services) =>
        services.GetRequiredService<IOptions<EventStoreOptions>>().Value.Provider.Equals(EventStoreProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
}

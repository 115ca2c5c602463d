using FlashSale.EventStore.Logging;
using Microsoft.Extensions.Logging;

namespace FlashSale.Hosting;

/// <summary>Which stores a process opened, at start-up; every line names its <see cref="LogEvents"/> event.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventName = LogEvents.DataDirectory, Level = LogLevel.Information, Message = "Data directory: {DataDirectory}")]
    public static partial void DataDirectory(this ILogger logger, string dataDirectory);

    [LoggerMessage(EventName = LogEvents.EventStoreOpened, Level = LogLevel.Information, Message = "Event store: {Provider} at {Location}")]
    public static partial void EventStoreOpened(this ILogger logger, string provider, string location);

    [LoggerMessage(EventName = LogEvents.ReadStoreOpened, Level = LogLevel.Information, Message = "Read store: {Provider} at {Location}")]
    public static partial void ReadStoreOpened(this ILogger logger, string provider, string location);

    [LoggerMessage(EventName = LogEvents.SnapshotTablesMissing, Level = LogLevel.Warning,
        Message = "Item snapshots are off in this process: the PostgreSQL event store's schema {Schema} has no {Tables} table(s) and " +
                  "EventStore:CreateSchema is false, so every item replays its whole stream on its first command. " +
                  "Run `{Command}` on the same configuration with a role that may run DDL: this process looks for the tables " +
                  "again every {RecheckSeconds} s (when an item reads or writes a snapshot) and turns snapshots on without a restart.")]
    public static partial void SnapshotTablesMissing(this ILogger logger, string schema, string tables, string command, int recheckSeconds);

    [LoggerMessage(EventName = LogEvents.SnapshotTablesFound, Level = LogLevel.Information,
        Message = "Item snapshots are on in this process: the PostgreSQL event store's schema {Schema} has the {Tables} tables now. " +
                  "Each item writes its snapshot when its next one is due; items loaded before still replayed their stream.")]
    public static partial void SnapshotTablesFound(this ILogger logger, string schema, string tables);

    /// <summary>Where a PostgreSQL connection string points, without its credentials.</summary>
    public static string PostgreSqlLocation(string connectionString)
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"{database.Host}:{database.Port}/{database.Database}";
    }
}

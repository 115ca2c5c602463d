using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Sqlite.Backup;

/// <summary>
/// An online copy of the item snapshots (<c>snapshots.db</c>, ADR 0018) for a backup, taken after the log's: a snapshot
/// newer than the log copy is harmless, because a writer uses a snapshot only when the stream holds the snapshot's event at
/// its revision, and replays the item otherwise.
/// </summary>
public static class SqliteSnapshotsBackup
{
    /// <returns>How many items the copy holds a snapshot of.</returns>
    public static async Task<long> CopyAsync(string sourcePath, string targetPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(sourcePath)) throw new FileNotFoundException($"No snapshots at {sourcePath}.", sourcePath);
        await SqliteLogBackup.CopyDatabaseAsync(sourcePath, targetPath, cancellationToken);
        return await InspectAsync(targetPath, cancellationToken);
    }

    /// <summary>Checks the file is a sound SQLite database holding item snapshots (<c>PRAGMA quick_check</c>, both tables)
    /// and counts them. A file that is not one throws <see cref="InvalidDataException"/> saying why.</summary>
    public static async Task<long> InspectAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"No snapshots file at {path}.");
        try
        {
            await using var connection = await SqliteLogBackup.OpenAsync(path, SqliteOpenMode.ReadOnly, cancellationToken);
            var check = await ScalarAsync(connection, "PRAGMA quick_check;", cancellationToken) as string;
            if (check != "ok") throw new InvalidDataException($"{path} is damaged: SQLite's quick_check says '{check}'.");
            if (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('snapshots', 'snapshot_entries')",
                    cancellationToken) is not 2L)
                throw new InvalidDataException($"{path} is a SQLite database but not FlashSale item snapshots (no snapshots and snapshot_entries tables).");
            return (long)(await ScalarAsync(connection, "SELECT count(*) FROM snapshots", cancellationToken))!;
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"{path} is not a readable SQLite snapshots file: {ex.Message}", ex);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Sqlite.Backup;

/// <summary>
/// An online, consistent copy of the embedded log through SQLite's backup API: the copy is one read transaction on
/// the source, so it holds exactly the events committed when it started while writers (WAL) keep appending. The copy
/// is a self-contained file (rollback journal, no -wal beside it).
/// </summary>
public static class SqliteLogBackup
{
    public static async Task<SqliteLogSummary> CopyAsync(string sourcePath, string targetPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(sourcePath)) throw new FileNotFoundException($"No event log at {sourcePath}.", sourcePath);
        await CopyDatabaseAsync(sourcePath, targetPath, cancellationToken);
        return await SqliteLogInspection.InspectAsync(targetPath, cancellationToken);
    }

    /// <summary>One consistent online copy of any SQLite database (the log, the snapshots), as a self-contained file.</summary>
    internal static async Task CopyDatabaseAsync(string sourcePath, string targetPath, CancellationToken cancellationToken)
    {
        // Read-write without create: a WAL database needs its -shm, which a read-only connection may not make.
        await using (var source = await OpenAsync(sourcePath, SqliteOpenMode.ReadWrite, cancellationToken))
        await using (var target = await OpenAsync(targetPath, SqliteOpenMode.ReadWriteCreate, cancellationToken))
        {
            // BackupDatabase steps once over every page: one snapshot, never a mix of before and after an append.
            await Task.Run(() => source.BackupDatabase(target), cancellationToken);
            await ExecuteAsync(target, "PRAGMA journal_mode = DELETE;", cancellationToken);
        }
    }

    internal static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        // No pooling: the file is closed when the connection is, so it can be hashed, moved or deleted right after.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 10000;", cancellationToken);
        return connection;
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

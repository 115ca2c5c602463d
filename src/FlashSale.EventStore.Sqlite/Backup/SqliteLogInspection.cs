using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Sqlite.Backup;

/// <summary>What an event log file holds, read without changing it.</summary>
/// <param name="LastPosition">The position of its last event; null when it holds none.</param>
public sealed record SqliteLogSummary(long EventCount, long StreamCount, LogPosition? LastPosition);

public static class SqliteLogInspection
{
    /// <summary>Checks the file is a sound SQLite database holding an event log (<c>PRAGMA quick_check</c>, the
    /// events table) and counts it. A file that is not one throws <see cref="InvalidDataException"/> saying why.</summary>
    public static async Task<SqliteLogSummary> InspectAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No event log at {path}.", path);
        try
        {
            await using var connection = await SqliteLogBackup.OpenAsync(path, SqliteOpenMode.ReadOnly, cancellationToken);
            var check = await ScalarAsync(connection, "PRAGMA quick_check;", cancellationToken) as string;
            if (check != "ok") throw new InvalidDataException($"{path} is damaged: SQLite's quick_check says '{check}'.");
            if (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'streams')",
                    cancellationToken) is not 2L)
                throw new InvalidDataException($"{path} is a SQLite database but not a FlashSale event log (no events and streams tables).");
            var events = (long)(await ScalarAsync(connection, "SELECT count(*) FROM events", cancellationToken))!;
            var streams = (long)(await ScalarAsync(connection, "SELECT count(*) FROM streams", cancellationToken))!;
            var last = await ScalarAsync(connection, "SELECT max(position) FROM events", cancellationToken) is long head
                ? LogPosition.At((ulong)head) : (LogPosition?)null;
            return new SqliteLogSummary(events, streams, last);
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException($"{path} is not a readable SQLite event log: {ex.Message}", ex);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

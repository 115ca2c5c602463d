using FlashSale.EventStore.Snapshots;
using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Sqlite.Snapshots;

/// <summary>
/// Snapshots in their own SQLite file next to the event log (<c>snapshots.db</c>): writing one never holds the log's write
/// lock, and losing the file costs one replay per item. Commits are not fsynced for the same reason.
/// </summary>
public sealed class SqliteSnapshotStore : ISnapshotStore, IAsyncDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS snapshots (
            stream_id TEXT    PRIMARY KEY,
            revision  INTEGER NOT NULL,
            event_id  BLOB    NOT NULL,
            schema    TEXT    NOT NULL,
            header    BLOB    NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS snapshot_entries (
            stream_id TEXT NOT NULL,
            key       TEXT NOT NULL,
            data      BLOB NOT NULL,
            PRIMARY KEY (stream_id, key)
        ) WITHOUT ROWID;
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;

    private SqliteSnapshotStore(string connectionString, SqliteConnection writer) => (_connectionString, _writer) = (connectionString, writer);

    public static async Task<SqliteSnapshotStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync(cancellationToken);
        await using (var create = writer.CreateCommand())
        {
            create.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;" + Schema;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        return new SqliteSnapshotStore(connectionString, writer);
    }

    public async Task<StoredSnapshot?> ReadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var header = Command(connection, "SELECT revision, event_id, schema, header FROM snapshots WHERE stream_id = $stream", streamId);
        header.Transaction = transaction;
        await using var row = await header.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken)) return null;
        var (revision, eventId, schema, data) = (row.GetInt64(0), new Guid((byte[])row[1], bigEndian: true), row.GetString(2), (byte[])row[3]);
        await using var entries = Command(connection, "SELECT key, data FROM snapshot_entries WHERE stream_id = $stream", streamId);
        entries.Transaction = transaction;
        await using var entry = await entries.ExecuteReaderAsync(cancellationToken);
        var read = new List<SnapshotEntry>();
        while (entry.Read()) read.Add(new SnapshotEntry(entry.GetString(0), (byte[])entry[1]));
        return new StoredSnapshot(streamId, revision, eventId, schema, data, read);
    }

    public async Task<SnapshotWriteResult> WriteAsync(SnapshotWrite snapshot, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = _writer.BeginTransaction(deferred: false);
            await using var current = Command(_writer, "SELECT revision FROM snapshots WHERE stream_id = $stream", snapshot.StreamId);
            current.Transaction = transaction;
            var stored = await current.ExecuteScalarAsync(cancellationToken) as long?;
            if (stored >= snapshot.Revision) return SnapshotWriteResult.Superseded;
            if (snapshot.BasedOn is { } basedOn && !(stored >= basedOn)) return SnapshotWriteResult.BaseMissing;
            if (snapshot.BasedOn is null) await DeleteEntriesAsync(transaction, snapshot.StreamId, cancellationToken);
            await UpsertHeaderAsync(transaction, snapshot, cancellationToken);
            await using var upsert = Command(_writer,
                "INSERT INTO snapshot_entries (stream_id, key, data) VALUES ($stream, $key, $data) " +
                "ON CONFLICT (stream_id, key) DO UPDATE SET data = excluded.data", snapshot.StreamId);
            upsert.Transaction = transaction;
            var (key, data) = (upsert.Parameters.Add("$key", SqliteType.Text), upsert.Parameters.Add("$data", SqliteType.Blob));
            foreach (var entry in snapshot.Entries)
            {
                (key.Value, data.Value) = (entry.Key, entry.Data.ToArray());
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return SnapshotWriteResult.Written;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task DeleteEntriesAsync(SqliteTransaction transaction, string streamId, CancellationToken cancellationToken)
    {
        await using var delete = Command(_writer, "DELETE FROM snapshot_entries WHERE stream_id = $stream", streamId);
        delete.Transaction = transaction;
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task UpsertHeaderAsync(SqliteTransaction transaction, SnapshotWrite snapshot, CancellationToken cancellationToken)
    {
        await using var header = Command(_writer,
            "INSERT INTO snapshots (stream_id, revision, event_id, schema, header) VALUES ($stream, $revision, $event, $schema, $header) " +
            "ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, event_id = excluded.event_id, schema = excluded.schema, " +
            "header = excluded.header", snapshot.StreamId);
        header.Transaction = transaction;
        header.Parameters.AddWithValue("$revision", snapshot.Revision);
        header.Parameters.AddWithValue("$event", snapshot.EventId.ToByteArray(bigEndian: true));
        header.Parameters.AddWithValue("$schema", snapshot.Schema);
        header.Parameters.AddWithValue("$header", snapshot.Header.ToArray());
        await header.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string streamId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$stream", streamId);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _writeLock.Dispose();
    }
}

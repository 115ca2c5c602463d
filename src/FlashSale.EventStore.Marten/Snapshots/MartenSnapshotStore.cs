using System.Data;
using FlashSale.EventStore.Snapshots;
using Npgsql;
using NpgsqlTypes;

namespace FlashSale.EventStore.Marten.Snapshots;

/// <summary>
/// Snapshots in two plain tables next to Marten's, in the event store's schema (ADR 0021): <c>snapshots</c> (one row per
/// stream: revision, event id, schema, header) and <c>snapshot_entries</c>. A write is one transaction under a per-stream
/// advisory lock, so of two racing writers the second sees the first's revision and, when it is not behind, writes nothing.
/// </summary>
public sealed class MartenSnapshotStore : ISnapshotStore, IAsyncDisposable
{
    /// <summary>The store's tables, in the event store's schema.</summary>
    public static readonly IReadOnlyList<string> Tables = ["snapshots", "snapshot_entries"];

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _snapshots;
    private readonly string _entries;

    private MartenSnapshotStore(NpgsqlDataSource dataSource, string schema)
    {
        (_dataSource, _schema) = (dataSource, schema);
        _snapshots = $"{Quote(schema)}.snapshots";
        _entries = $"{Quote(schema)}.snapshot_entries";
    }

    /// <summary>Opens the store on the event store's database and schema; creates its tables when
    /// <see cref="MartenEventStoreSettings.CreateSchema"/> is set (idempotently).</summary>
    public static async Task<MartenSnapshotStore> OpenAsync(MartenEventStoreSettings settings, CancellationToken cancellationToken = default)
    {
        var store = new MartenSnapshotStore(NpgsqlDataSource.Create(settings.ConnectionString), settings.Schema);
        try
        {
            if (settings.CreateSchema) await store.CreateTablesAsync(cancellationToken);
            return store;
        }
        catch (Exception e)
        {
            await store.DisposeAsync();
            if (e is NpgsqlException) throw new EventStoreUnavailableException($"The PostgreSQL snapshot store could not be reached: {e.Message}", e);
            throw;
        }
    }

    /// <summary>Creates the tables unless they exist (safe to run from several processes at once).</summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Concurrent CREATE ... IF NOT EXISTS can still collide on the catalog: one creator at a time.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken,
            $"flashsale-snapshot-schema:{_schema}");
        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {Quote(_schema)};
            CREATE TABLE IF NOT EXISTS {_snapshots} (
                stream_id text   PRIMARY KEY,
                revision  bigint NOT NULL,
                event_id  uuid   NOT NULL,
                schema    text   NOT NULL,
                header    bytea  NOT NULL
            );
            CREATE TABLE IF NOT EXISTS {_entries} (
                stream_id text  NOT NULL,
                key       text  NOT NULL,
                data      bytea NOT NULL,
                PRIMARY KEY (stream_id, key)
            );
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Which of <see cref="Tables"/> the schema lacks: all of them on a database where the store was opened with
    /// <c>CreateSchema=false</c> and <c>flashsale event-store create-schema</c> was never run.</summary>
    public Task<IReadOnlyList<string>> MissingTablesAsync(CancellationToken cancellationToken = default) =>
        MartenSchema.MissingAsync(_dataSource, _schema, Tables, cancellationToken);

    public async Task<StoredSnapshot?> ReadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot of the database for both tables: never a header of one write with entries of another.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long revision;
        Guid eventId;
        string schema;
        byte[] header;
        await using (var read = Command(connection, transaction, $"SELECT revision, event_id, schema, header FROM {_snapshots} WHERE stream_id = $1", streamId))
        await using (var row = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken)) return null;
            (revision, eventId, schema, header) = (row.GetInt64(0), row.GetGuid(1), row.GetString(2), (byte[])row[3]);
        }
        var entries = new List<SnapshotEntry>();
        await using (var read = Command(connection, transaction, $"SELECT key, data FROM {_entries} WHERE stream_id = $1", streamId))
        await using (var row = await read.ExecuteReaderAsync(cancellationToken))
            while (await row.ReadAsync(cancellationToken)) entries.Add(new SnapshotEntry(row.GetString(0), (byte[])row[1]));
        await transaction.CommitAsync(cancellationToken);
        return new StoredSnapshot(streamId, revision, eventId, schema, header, entries);
    }

    public async Task<SnapshotWriteResult> WriteAsync(SnapshotWrite snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshot.StreamId);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken,
            $"flashsale-snapshot:{_schema}:{snapshot.StreamId}");
        long? stored;
        await using (var current = Command(connection, transaction, $"SELECT revision FROM {_snapshots} WHERE stream_id = $1", snapshot.StreamId))
            stored = await current.ExecuteScalarAsync(cancellationToken) as long?;
        if (stored >= snapshot.Revision) return SnapshotWriteResult.Superseded;
        if (snapshot.BasedOn is { } basedOn && !(stored >= basedOn)) return SnapshotWriteResult.BaseMissing;

        await using (var header = Command(connection, transaction,
            $"INSERT INTO {_snapshots} (stream_id, revision, event_id, schema, header) VALUES ($1, $2, $3, $4, $5) " +
            "ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, event_id = excluded.event_id, " +
            "schema = excluded.schema, header = excluded.header", snapshot.StreamId))
        {
            header.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Revision });
            header.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = snapshot.EventId });
            header.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.Schema });
            header.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.Header.ToArray() });
            await header.ExecuteNonQueryAsync(cancellationToken);
        }
        if (snapshot.BasedOn is null) await ReplaceEntriesAsync(connection, transaction, snapshot, cancellationToken);
        else await UpsertEntriesAsync(connection, transaction, snapshot, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SnapshotWriteResult.Written;
    }

    private async Task ReplaceEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SnapshotWrite snapshot,
        CancellationToken cancellationToken)
    {
        await using (var delete = Command(connection, transaction, $"DELETE FROM {_entries} WHERE stream_id = $1", snapshot.StreamId))
            await delete.ExecuteNonQueryAsync(cancellationToken);
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY {_entries} (stream_id, key, data) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var entry in snapshot.Entries)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(snapshot.StreamId, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(entry.Key, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(entry.Data.ToArray(), NpgsqlDbType.Bytea, cancellationToken);
        }
        await import.CompleteAsync(cancellationToken);
    }

    private async Task UpsertEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SnapshotWrite snapshot,
        CancellationToken cancellationToken)
    {
        const int Batch = 5_000;
        for (var start = 0; start < snapshot.Entries.Count; start += Batch)
        {
            var batch = snapshot.Entries.Skip(start).Take(Batch).ToList();
            await using var upsert = Command(connection, transaction,
                $"INSERT INTO {_entries} (stream_id, key, data) SELECT $1, k, d FROM unnest($2::text[], $3::bytea[]) AS e(k, d) " +
                "ON CONFLICT (stream_id, key) DO UPDATE SET data = excluded.data", snapshot.StreamId);
            upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Key)] });
            upsert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. batch.Select(e => e.Data.ToArray())] });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string streamId)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return command;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        CancellationToken cancellationToken, params string[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

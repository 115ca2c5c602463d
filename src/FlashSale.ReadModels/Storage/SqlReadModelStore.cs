using System.Data.Common;
using System.Runtime.CompilerServices;
using FlashSale.EventStore;
using FlashSale.Projections;

namespace FlashSale.ReadModels.Storage;

/// <summary>The read store over ADO.NET; SQLite and PostgreSQL only supply connections and their dialect.</summary>
public abstract partial class SqlReadModelStore : IReadModelStore
{
    protected const int KeysPerQuery = 500;

    protected abstract ReadModelSql Dialect { get; }

    /// <summary>Starts a transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE).</summary>
    protected abstract string BeginWrite { get; }

    protected abstract string PoisonEventIdColumn { get; }

    /// <summary>Run first in <see cref="InitializeAsync"/>'s transaction where the write transaction alone does not keep
    /// two processes starting at once from creating the same tables (PostgreSQL: an advisory lock). Null for SQLite.</summary>
    protected virtual string? InitializeLock => null;

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public async Task InitializeAsync(IReadOnlyList<IProjection> projections, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        if (InitializeLock is { } takeLock) await ExecuteAsync(connection, takeLock, cancellationToken);
        await ExecuteAsync(connection, Dialect.CheckpointsTable, cancellationToken);
        var checkpointColumns = (await ReadShapeAsync(connection, ReadModelSql.Checkpoints, cancellationToken)).Columns;
        foreach (var (column, type) in Dialect.AddedCheckpointColumns.Where(c => !checkpointColumns.Contains(c.Name, StringComparer.Ordinal)))
            await ExecuteAsync(connection, $"ALTER TABLE {ReadModelSql.Checkpoints} ADD COLUMN {column} {type} NULL", cancellationToken);
        await ExecuteAsync(connection, CreateRebuildClaims, cancellationToken);
        if (await TableExistsAsync(connection, ReadModelSql.LegacyPoisonEvents, cancellationToken)
            && !await TableExistsAsync(connection, ReadModelSql.PoisonEvents, cancellationToken))
            await ExecuteAsync(connection, $"ALTER TABLE {ReadModelSql.LegacyPoisonEvents} RENAME TO {ReadModelSql.PoisonEvents}", cancellationToken);
        await ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {ReadModelSql.PoisonEvents} ({PoisonEventIdColumn}, projection TEXT NOT NULL,
                commit_position BIGINT NOT NULL, prepare_position BIGINT NOT NULL, stream_id TEXT NOT NULL,
                stream_revision BIGINT NOT NULL, event_type TEXT NOT NULL, error TEXT NOT NULL, recorded_at TEXT NOT NULL)
            """, cancellationToken);
        var now = Values.Timestamp(DateTimeOffset.UtcNow)!;
        foreach (var projection in projections)
        {
            if (!await TableExistsAsync(connection, projection.Table.Name, cancellationToken))
                foreach (var statement in Dialect.CreateTable(projection.Table, projection.Table.Name))
                    await ExecuteAsync(connection, statement, cancellationToken);
            else if (!ReadModelSql.Matches(projection.Table, await ReadShapeAsync(connection, projection.Table.Name, cancellationToken)))
                await RecreateAsync(connection, projection, now, cancellationToken);
            await using var insert = Command(connection, $"""
                INSERT INTO {ReadModelSql.Checkpoints} (projection, slot, version, events_applied, state, started_at, updated_at)
                VALUES (@projection, 'live', 1, 0, @state, @now, @now) ON CONFLICT (projection, slot) DO NOTHING
                """, ("projection", projection.Name), ("state", ProjectionStates.Stopped), ("now", now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces an older release's table (e.g. order status keyed by order id alone) by an empty one of today's shape and
    /// sends the live checkpoint back to the start of the log: read models are rebuilt from the log, so the projection
    /// replays into it. The version moves on, so a writer still holding the old checkpoint fails its next commit and reloads.
    /// Any shadow goes too (a rebuild of the old shape cannot be swapped in).
    /// </summary>
    private async Task RecreateAsync(DbConnection connection, IProjection projection, string now, CancellationToken cancellationToken)
    {
        await using (var delete = Command(connection, $"DELETE FROM {ReadModelSql.Checkpoints} WHERE projection = @projection AND slot = 'shadow'",
            ("projection", projection.Name)))
            await delete.ExecuteNonQueryAsync(cancellationToken);
        await using (var reset = Command(connection, $"""
            UPDATE {ReadModelSql.Checkpoints}
            SET commit_position = NULL, prepare_position = NULL, event_id = NULL, event_stream = NULL, event_revision = NULL,
                version = version + 1, events_applied = 0, error = NULL, started_at = @now, updated_at = @now
            WHERE projection = @projection AND slot = 'live'
            """, ("now", now), ("projection", projection.Name)))
            await reset.ExecuteNonQueryAsync(cancellationToken);
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {ReadModelSql.TableName(projection, ReadModelSlot.Shadow)}", cancellationToken);
        await ExecuteAsync(connection, $"DROP TABLE {projection.Table.Name}", cancellationToken);
        foreach (var statement in Dialect.CreateTable(projection.Table, projection.Table.Name))
            await ExecuteAsync(connection, statement, cancellationToken);
    }

    public async Task ResetLiveAsync(IProjection projection, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        await RecreateAsync(connection, projection, Values.Timestamp(DateTimeOffset.UtcNow)!, cancellationToken);
        await using (var state = Command(connection, $"""
            UPDATE {ReadModelSql.Checkpoints} SET state = @state, error = @reason WHERE projection = @projection AND slot = 'live'
            """, ("state", ProjectionStates.Rebuilding), ("reason", reason), ("projection", projection.Name)))
            await state.ExecuteNonQueryAsync(cancellationToken);
        // They were recorded from the other log; the replay records this log's own.
        await using (var poison = Command(connection, $"DELETE FROM {ReadModelSql.PoisonEvents} WHERE projection = @projection",
            ("projection", projection.Name)))
            await poison.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    protected abstract Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken);

    protected abstract Task<TableShape> ReadShapeAsync(DbConnection connection, string table, CancellationToken cancellationToken);

    public async Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, ReadModelSlot slot, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadCheckpointAsync(connection, projection, slot, cancellationToken);
    }

    public async Task<IReadOnlyList<ProjectionCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, $"{SelectCheckpoint} ORDER BY projection, slot");
        return await ReadCheckpointsAsync(select, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<RowKey, object?[]>> LoadRowsAsync(IProjection projection, ReadModelSlot slot,
        IReadOnlyCollection<RowKey> keys, CancellationToken cancellationToken = default)
    {
        var rows = new Dictionary<RowKey, object?[]>(keys.Count);
        if (keys.Count == 0) return rows;
        await using var connection = await OpenAsync(cancellationToken);
        var table = projection.Table;
        foreach (var chunk in keys.Select(table.Checked).Chunk(KeysPerQuery))
            await LoadChunkAsync(connection, projection, slot, chunk, rows, cancellationToken);
        return rows;
    }

    /// <summary>Adds the stored rows of <paramref name="keys"/> (at most <see cref="KeysPerQuery"/>) to <paramref name="rows"/>;
    /// SQLite overrides it to bind the keys by position.</summary>
    protected virtual async Task LoadChunkAsync(DbConnection connection, IProjection projection, ReadModelSlot slot, RowKey[] keys,
        Dictionary<RowKey, object?[]> rows, CancellationToken cancellationToken)
    {
        var table = projection.Table;
        await using var select = Command(connection,
            $"SELECT {ReadModelSql.SelectColumns(table)} FROM {ReadModelSql.TableName(projection, slot)} WHERE {ReadModelSql.KeyIn(table, keys.Length)}",
            [.. keys.SelectMany((key, k) => key.Values.Select((value, v) => (ReadModelSql.KeyParameter(k, v), (object?)value)))]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = ReadValues(reader, table);
            rows[table.KeyOf(values)] = values;
        }
    }

    public async Task<object?[]?> GetRowAsync(IProjection projection, RowKey key, CancellationToken cancellationToken = default) =>
        (await LoadRowsAsync(projection, ReadModelSlot.Live, [key], cancellationToken)).GetValueOrDefault(key);

    public async Task<IReadOnlyList<object?[]>> QueryRowsAsync(IProjection projection, RowQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, ReadModelSql.Query(projection.Table, query),
            [.. query.Filters.Select((f, i) => ("f" + i, f.Value)), ("limit", (long)query.Limit), ("offset", (long)query.Offset)]);
        var rows = new List<object?[]>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(ReadValues(reader, projection.Table));
        return rows;
    }

    public async Task<long> CountRowsAsync(IProjection projection, IReadOnlyList<(string Column, object Value)> filters,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var count = Command(connection, ReadModelSql.Count(projection.Table, filters), [.. filters.Select((f, i) => ("f" + i, f.Value))]);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<object?[]> ReadAllRowsAsync(IProjection projection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var table = projection.Table;
        await using var select = Command(connection, $"SELECT {ReadModelSql.SelectColumns(table)} FROM {table.Name} ORDER BY {ReadModelSql.KeyColumns(table)}");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return ReadValues(reader, table);
    }

    public async Task<IReadOnlyList<PoisonEvent>> ReadPoisonEventsAsync(string projection, int limit, int offset = 0,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = Command(connection, $"""
            SELECT projection, commit_position, prepare_position, stream_id, stream_revision, event_type, error, recorded_at
            FROM {ReadModelSql.PoisonEvents} WHERE projection = @projection ORDER BY id DESC LIMIT @limit OFFSET @offset
            """, ("projection", projection), ("limit", (long)limit), ("offset", (long)offset));
        var poison = new List<PoisonEvent>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            poison.Add(new PoisonEvent(reader.GetString(0),
                new LogPosition((ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2)), reader.GetString(3), reader.GetInt64(4),
                reader.GetString(5), reader.GetString(6), Values.ToTimestamp(reader.GetString(7))!.Value));
        return poison;
    }

    public async Task<long> CountPoisonEventsAsync(string projection, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var count = Command(connection, $"SELECT COUNT(*) FROM {ReadModelSql.PoisonEvents} WHERE projection = @projection",
            ("projection", projection));
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task SetStateAsync(string projection, ReadModelSlot slot, string state, string? error, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = Command(connection, $"""
            UPDATE {ReadModelSql.Checkpoints} SET state = @state, error = @error WHERE projection = @projection AND slot = @slot
            """, ("state", state), ("error", error), ("projection", projection), ("slot", ReadModelSql.SlotName(slot)));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static object?[] ReadValues(DbDataReader reader, ReadModelTable table)
    {
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.IsDBNull(i) ? null : table.Columns[i].Type == ColumnType.Integer ? reader.GetInt64(i) : reader.GetString(i);
        return values;
    }
}

using System.Data.Common;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.Subscriptions.Checkpoints;

namespace FlashSale.ReadModels.Storage;

public abstract partial class SqlReadModelStore
{
    protected const string SelectCheckpoint = $"""
        SELECT projection, slot, commit_position, prepare_position, version, events_applied, state, error, started_at, updated_at,
            event_id, event_stream, event_revision
        FROM {ReadModelSql.Checkpoints}
        """;

    public async Task<bool> CommitAsync(ProjectionCommit commit, CancellationToken cancellationToken = default) =>
        await CommitAllAsync([commit], cancellationToken) is null;

    public async Task<ProjectionCommit?> CommitAllAsync(IReadOnlyList<ProjectionCommit> commits, CancellationToken cancellationToken = default)
    {
        if (commits.Count == 0) return null;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        // Every checkpoint before any table, as in every write (a server with row locks cannot deadlock it against a swap).
        foreach (var commit in commits)
            if (!await AdvanceCheckpointAsync(connection, commit, cancellationToken)) return commit; // disposing rolls back
        foreach (var commit in commits)
        {
            await WriteRowsAsync(connection, commit, cancellationToken);
            foreach (var poison in commit.PoisonEvents)
            {
                await using var insert = Command(connection, $"""
                    INSERT INTO {ReadModelSql.PoisonEvents}
                        (projection, commit_position, prepare_position, stream_id, stream_revision, event_type, error, recorded_at)
                    VALUES (@projection, @commit, @prepare, @stream, @revision, @type, @error, @at)
                    """, ("projection", poison.Projection), ("commit", (long)poison.Position.Commit), ("prepare", (long)poison.Position.Prepare),
                    ("stream", poison.StreamId), ("revision", poison.StreamRevision), ("type", poison.EventType), ("error", poison.Error),
                    ("at", Values.Timestamp(poison.RecordedAt)));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static async Task<bool> AdvanceCheckpointAsync(DbConnection connection, ProjectionCommit commit, CancellationToken cancellationToken)
    {
        await using var advance = Command(connection, $"""
            UPDATE {ReadModelSql.Checkpoints}
            SET commit_position = @commit, prepare_position = @prepare, version = version + 1,
                events_applied = events_applied + @events, updated_at = @at,
                event_id = @eventId, event_stream = @eventStream, event_revision = @eventRevision
            WHERE projection = @projection AND slot = @slot AND version = @version
            """, ("commit", (long)commit.NewPosition.Commit), ("prepare", (long)commit.NewPosition.Prepare),
            ("eventId", commit.NewEvent.EventId.ToString("D")), ("eventStream", commit.NewEvent.StreamId),
            ("eventRevision", commit.NewEvent.StreamRevision),
            ("events", commit.EventsApplied), ("at", Values.Timestamp(commit.At)), ("projection", commit.Projection.Name),
            ("slot", ReadModelSql.SlotName(commit.Slot)), ("version", commit.ExpectedVersion));
        return await advance.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Upserts through one prepared statement; PostgreSQL overrides it with a set-based write.</summary>
    protected virtual async Task WriteRowsAsync(DbConnection connection, ProjectionCommit commit, CancellationToken cancellationToken)
    {
        var table = commit.Projection.Table;
        var name = ReadModelSql.TableName(commit.Projection, commit.Slot);
        if (commit.Upserts.Count > 0)
        {
            await using var upsert = Command(connection, ReadModelSql.Upsert(table, name),
                [.. table.Columns.Select((_, i) => ("p" + i, (object?)null))]);
            await upsert.PrepareAsync(cancellationToken);
            foreach (var row in commit.Upserts)
            {
                for (var i = 0; i < row.Length; i++) upsert.Parameters[i].Value = row[i] ?? DBNull.Value;
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        foreach (var key in commit.Deletes.Select(table.Checked))
        {
            await using var delete = Command(connection, $"DELETE FROM {name} WHERE {ReadModelSql.KeyEquals(table, i => "@k" + i)}",
                [.. key.Values.Select((value, i) => ("k" + i, (object?)value))]);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task StartShadowAsync(IProjection projection, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        // Checkpoint rows before tables, in every write: a server with row locks (PostgreSQL) then cannot deadlock a
        // shadow commit (checkpoint, then table) against a restart or drop of the same shadow.
        await using (var delete = Command(connection, $"DELETE FROM {ReadModelSql.Checkpoints} WHERE projection = @projection AND slot = 'shadow'",
            ("projection", projection.Name)))
            await delete.ExecuteNonQueryAsync(cancellationToken);
        var shadow = ReadModelSql.TableName(projection, ReadModelSlot.Shadow);
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {shadow}", cancellationToken);
        // Without its secondary indexes: kept up row by row they cost a rebuild most of its time (SQLite, 1M events:
        // order status 3x slower); the swap builds them in one pass over the finished table.
        foreach (var statement in Dialect.CreateTable(projection.Table, shadow, withIndexes: false))
            await ExecuteAsync(connection, statement, cancellationToken);
        // A random first version, so a rebuild that was replaced by another one can never match the new shadow's version.
        await using (var insert = Command(connection, $"""
            INSERT INTO {ReadModelSql.Checkpoints} (projection, slot, version, events_applied, state, started_at, updated_at)
            VALUES (@projection, 'shadow', @version, 0, @state, @at, @at)
            """, ("projection", projection.Name), ("version", Random.Shared.NextInt64(1, long.MaxValue / 2)),
            ("state", ProjectionStates.Rebuilding), ("at", Values.Timestamp(startedAt))))
            await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<SwapOutcome> SwapShadowAsync(IProjection projection, long expectedShadowVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        var shadow = await ReadCheckpointAsync(connection, projection.Name, ReadModelSlot.Shadow, cancellationToken, LockForUpdate);
        var live = await ReadCheckpointAsync(connection, projection.Name, ReadModelSlot.Live, cancellationToken, LockForUpdate);
        if (shadow is null || live is null || shadow.Version != expectedShadowVersion) return SwapOutcome.Conflict;
        if (live.Position is { } livePosition && (shadow.Position is null || shadow.Position < livePosition)) return SwapOutcome.ShadowBehind;

        // The shadow was filled without its secondary indexes; live commits wait for this build only to fail their CAS anyway.
        foreach (var statement in ReadModelSql.CreateIndexes(projection.Table, ReadModelSql.TableName(projection, ReadModelSlot.Shadow)))
            await ExecuteAsync(connection, statement, cancellationToken);
        await ExecuteAsync(connection, $"DROP TABLE {projection.Table.Name}", cancellationToken);
        await ExecuteAsync(connection, $"ALTER TABLE {ReadModelSql.TableName(projection, ReadModelSlot.Shadow)} RENAME TO {projection.Table.Name}",
            cancellationToken);
        // The live state (running / stopped / faulted) belongs to whichever process runs the projection; a swap leaves it.
        await using (var update = Command(connection, $"""
            UPDATE {ReadModelSql.Checkpoints}
            SET commit_position = @commit, prepare_position = @prepare, version = version + 1, events_applied = @events,
                started_at = @started, updated_at = @now,
                event_id = @eventId, event_stream = @eventStream, event_revision = @eventRevision
            WHERE projection = @projection AND slot = 'live'
            """, ("commit", (long?)shadow.Position?.Commit), ("prepare", (long?)shadow.Position?.Prepare), ("events", shadow.EventsApplied),
            ("eventId", shadow.Event?.EventId.ToString("D")), ("eventStream", shadow.Event?.StreamId), ("eventRevision", shadow.Event?.StreamRevision),
            ("started", Values.Timestamp(shadow.StartedAt)), ("now", Values.Timestamp(DateTimeOffset.UtcNow)),
            ("projection", projection.Name)))
            await update.ExecuteNonQueryAsync(cancellationToken);
        await using (var delete = Command(connection, $"DELETE FROM {ReadModelSql.Checkpoints} WHERE projection = @projection AND slot = 'shadow'",
            ("projection", projection.Name)))
            await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SwapOutcome.Swapped;
    }

    public async Task DropShadowAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        await using (var delete = Command(connection, $"DELETE FROM {ReadModelSql.Checkpoints} WHERE projection = @projection AND slot = 'shadow'",
            ("projection", projection.Name)))
            await delete.ExecuteNonQueryAsync(cancellationToken);
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {ReadModelSql.TableName(projection, ReadModelSlot.Shadow)}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Appended to the swap's checkpoint reads so it holds both rows before checking them: on a server with
    /// row locks (PostgreSQL: <c> FOR UPDATE</c>) a live commit cannot slip in between the check and the swap.
    /// Empty where the transaction already holds the database's write lock (SQLite).</summary>
    protected virtual string LockForUpdate => "";

    /// <summary>A transaction begun in SQL, so commands need no transaction object (Microsoft.Data.Sqlite insists on one
    /// otherwise) and SQLite takes its write lock up front instead of failing to upgrade a read lock later.</summary>
    protected async Task<WriteTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, BeginWrite, cancellationToken);
        return new WriteTransaction(connection);
    }

    protected sealed class WriteTransaction(DbConnection connection) : IAsyncDisposable
    {
        private bool _done;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await ExecuteAsync(connection, "COMMIT", cancellationToken);
            _done = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done) await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
        }
    }

    private static async Task<ProjectionCheckpoint?> ReadCheckpointAsync(DbConnection connection, string projection, ReadModelSlot slot,
        CancellationToken cancellationToken, string lockClause = "")
    {
        await using var select = Command(connection, $"{SelectCheckpoint} WHERE projection = @projection AND slot = @slot{lockClause}",
            ("projection", projection), ("slot", ReadModelSql.SlotName(slot)));
        return (await ReadCheckpointsAsync(select, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<ProjectionCheckpoint>> ReadCheckpointsAsync(DbCommand select, CancellationToken cancellationToken)
    {
        var checkpoints = new List<ProjectionCheckpoint>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            checkpoints.Add(new ProjectionCheckpoint(reader.GetString(0), ReadModelSql.ParseSlot(reader.GetString(1)),
                reader.IsDBNull(2) ? null : new LogPosition((ulong)reader.GetInt64(2), (ulong)reader.GetInt64(3)),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                Values.ToTimestamp(reader.GetString(8))!.Value, Values.ToTimestamp(reader.GetString(9))!.Value,
                reader.IsDBNull(10) ? null : new CheckpointEvent(Guid.Parse(reader.GetString(10)), reader.GetString(11), reader.GetInt64(12))));
        return checkpoints;
    }

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

using FlashSale.Projections;

namespace FlashSale.ReadModels.Storage;

/// <summary>A projection's rows (or their keys) with their checkpoint, read in one transaction that sees one committed
/// state of both.</summary>
public abstract partial class SqlReadModelStore
{
    /// <summary>Starts a read-only transaction whose reads all see one snapshot (SQLite in WAL mode: a deferred transaction;
    /// PostgreSQL: repeatable read), without taking the write lock the projection's commits need.</summary>
    protected abstract string BeginSnapshotRead { get; }

    public Task<ProjectionCheckpoint?> ReadSnapshotAsync(IProjection projection, Action<object?[]> row, CancellationToken cancellationToken = default)
    {
        var table = projection.Table;
        return ReadWithCheckpointAsync(projection, $"SELECT {ReadModelSql.SelectColumns(table)} FROM {ReadModelSql.TableName(projection, ReadModelSlot.Live)}",
            reader => row(ReadValues(reader, table)), cancellationToken);
    }

    public Task<ProjectionCheckpoint?> ReadKeySnapshotAsync(IProjection projection, int limit, Action<RowKey> key,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var table = projection.Table;
        var columns = table.Key.Count;
        return ReadWithCheckpointAsync(projection,
            $"SELECT {ReadModelSql.KeyColumns(table)} FROM {ReadModelSql.TableName(projection, ReadModelSlot.Live)} LIMIT {limit}",
            reader =>
            {
                if (columns == 1)
                {
                    key(new RowKey(reader.GetString(0)));
                    return;
                }
                var values = new string[columns];
                for (var i = 0; i < columns; i++) values[i] = reader.GetString(i);
                key(new RowKey(values));
            }, cancellationToken);
    }

    /// <summary>The live checkpoint, then <paramref name="select"/>'s rows, in one snapshot (fixed by the transaction's first
    /// read): a commit that lands after the checkpoint was read is in neither.</summary>
    private async Task<ProjectionCheckpoint?> ReadWithCheckpointAsync(IProjection projection, string select,
        Action<System.Data.Common.DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, BeginSnapshotRead, cancellationToken);
        await using var transaction = new WriteTransaction(connection);
        var checkpoint = await ReadCheckpointAsync(connection, projection.Name, ReadModelSlot.Live, cancellationToken);
        if (checkpoint is null) return null;
        await using (var command = Command(connection, select))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                row(reader);
        await transaction.CommitAsync(cancellationToken);
        return checkpoint;
    }
}

namespace FlashSale.ReadModels.Storage;

/// <summary>A projection's rows with their checkpoint, read in one transaction that sees one committed state of both.</summary>
public abstract partial class SqlReadModelStore
{
    /// <summary>Starts a read-only transaction whose reads all see one snapshot (SQLite in WAL mode: a deferred transaction;
    /// PostgreSQL: repeatable read), without taking the write lock the projection's commits need.</summary>
    protected abstract string BeginSnapshotRead { get; }

    public async Task<ProjectionCheckpoint?> ReadSnapshotAsync(Projections.IProjection projection, Action<object?[]> row,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, BeginSnapshotRead, cancellationToken);
        await using var transaction = new WriteTransaction(connection);
        var checkpoint = await ReadCheckpointAsync(connection, projection.Name, ReadModelSlot.Live, cancellationToken);
        if (checkpoint is null) return null;
        var table = projection.Table;
        await using (var select = Command(connection, $"SELECT {ReadModelSql.SelectColumns(table)} FROM {ReadModelSql.TableName(projection, ReadModelSlot.Live)}"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                row(ReadValues(reader, table));
        await transaction.CommitAsync(cancellationToken);
        return checkpoint;
    }
}

using System.Data.Common;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using Npgsql;

namespace FlashSale.ReadModels.PostgreSql;

/// <summary>The production read store: tables in the connection's current schema (the first on its search path).
/// Compare-and-set commits serialize on the checkpoint row's lock; rows are written set-based, one statement per batch.</summary>
public sealed partial class PostgreSqlReadModelStore : SqlReadModelStore
{
    private static readonly ReadModelSql Sql = new(t => t == ColumnType.Integer ? "BIGINT" : "TEXT", "BIGINT");
    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlReadModelStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    protected override ReadModelSql Dialect => Sql;

    /// <summary>READ COMMITTED is enough: the checkpoint UPDATE re-checks its version after waiting for a competing
    /// writer's row lock, so the loser updates nothing.</summary>
    protected override string BeginWrite => "BEGIN";

    protected override string BeginSnapshotRead => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

    protected override string LockForUpdate => " FOR UPDATE";

    /// <summary>Concurrent <c>CREATE TABLE IF NOT EXISTS</c> of one table can fail on PostgreSQL (unique violation in
    /// the catalog): processes starting together (api, projector) take turns instead. The key is arbitrary but fixed.</summary>
    protected override string? InitializeLock => "SELECT pg_advisory_xact_lock(7316942817501)";

    protected override string PoisonEventIdColumn => "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, """
            SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name)
            """, ("name", table));
        return (bool)(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    protected override async Task<TableShape> ReadShapeAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, """
            SELECT c.column_name, k.ordinal_position
            FROM information_schema.columns c
            LEFT JOIN information_schema.table_constraints t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY'
            LEFT JOIN information_schema.key_column_usage k
                ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name AND k.column_name = c.column_name
            WHERE c.table_schema = current_schema() AND c.table_name = @name
            ORDER BY c.ordinal_position
            """, ("name", table));
        var columns = new List<(string Name, int? KeyPosition)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            columns.Add((reader.GetString(0), reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        return new TableShape([.. columns.Select(c => c.Name)], [.. columns.Where(c => c.KeyPosition is not null).OrderBy(c => c.KeyPosition).Select(c => c.Name)]);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

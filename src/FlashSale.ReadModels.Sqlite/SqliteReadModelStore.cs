using System.Data.Common;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using Microsoft.Data.Sqlite;

namespace FlashSale.ReadModels.Sqlite;

/// <summary>The embedded read store: one SQLite file (WAL), separate from the event log so queries and projection
/// writes never queue behind event appends.</summary>
public sealed class SqliteReadModelStore : SqlReadModelStore
{
    private static readonly ReadModelSql Sql = new(t => t == ColumnType.Integer ? "INTEGER" : "TEXT", "INTEGER");
    private readonly string _connectionString;

    private SqliteReadModelStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
    }

    public string Path => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public static SqliteReadModelStore Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new SqliteReadModelStore(path);
    }

    protected override ReadModelSql Dialect => Sql;

    protected override string BeginWrite => "BEGIN IMMEDIATE";

    protected override string BeginSnapshotRead => "BEGIN DEFERRED";

    protected override string PoisonEventIdColumn => "id INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        // The read model is derived and rebuildable and its checkpoint commits with it, so NORMAL (no fsync per
        // commit in WAL mode) cannot make it disagree with its checkpoint; at worst a power cut replays a few batches.
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override Task WriteRowsAsync(DbConnection connection, ProjectionCommit commit, CancellationToken cancellationToken)
    {
        RawRowWriter.Write((SqliteConnection)connection, commit);
        return Task.CompletedTask;
    }

    protected override Task LoadChunkAsync(DbConnection connection, IProjection projection, ReadModelSlot slot, RowKey[] keys,
        Dictionary<RowKey, object?[]> rows, CancellationToken cancellationToken)
    {
        RawRowReader.Read((SqliteConnection)connection, projection, slot, keys, rows);
        return Task.CompletedTask;
    }

    protected override async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", ("name", table));
        return (long)(await select.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    protected override async Task<TableShape> ReadShapeAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, "SELECT name, pk FROM pragma_table_info(@name) ORDER BY cid", ("name", table));
        var columns = new List<(string Name, long KeyPosition)>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) columns.Add((reader.GetString(0), reader.GetInt64(1)));
        return new TableShape([.. columns.Select(c => c.Name)], [.. columns.Where(c => c.KeyPosition > 0).OrderBy(c => c.KeyPosition).Select(c => c.Name)]);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}

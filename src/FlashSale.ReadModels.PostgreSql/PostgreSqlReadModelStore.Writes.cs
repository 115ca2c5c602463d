using System.Data.Common;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.PostgreSql;

public sealed partial class PostgreSqlReadModelStore
{
    /// <summary>One <c>INSERT .. SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE</c> for all upserts of a batch and
    /// one <c>DELETE .. IN (SELECT FROM unnest(keys))</c>: a 5,000-event rebuild batch is two round trips, not thousands.</summary>
    protected override async Task WriteRowsAsync(DbConnection connection, ProjectionCommit commit, CancellationToken cancellationToken)
    {
        var table = commit.Projection.Table;
        var name = ReadModelSql.TableName(commit.Projection, commit.Slot);
        if (commit.Upserts.Count > 0)
        {
            await using var upsert = Command(connection, Upsert(table, name), [.. table.Columns.Select((c, i) => ("c" + i, Column(commit.Upserts, c, i)))]);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (commit.Deletes.Count > 0)
        {
            var keys = commit.Deletes.Select(table.Checked).ToList();
            var arrays = string.Join(", ", table.Key.Select((_, v) => $"@k{v}::text[]"));
            await using var delete = Command(connection, $"DELETE FROM {name} WHERE ({ReadModelSql.KeyColumns(table)}) IN (SELECT * FROM unnest({arrays}))",
                [.. table.Key.Select((_, v) => ("k" + v, (object?)keys.Select(k => k[v]).ToArray()))]);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Upsert(ReadModelTable table, string name)
    {
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var arrays = string.Join(", ", table.Columns.Select((c, i) => $"@c{i}::{(c.Type == ColumnType.Integer ? "bigint" : "text")}[]"));
        return $"INSERT INTO {name} ({columns}) SELECT * FROM unnest({arrays}) ON CONFLICT ({ReadModelSql.KeyColumns(table)}) DO UPDATE SET {ReadModelSql.UpdateNonKeyColumns(table)}";
    }

    private static object Column(IReadOnlyList<object?[]> rows, Column column, int index)
    {
        if (column.Type == ColumnType.Integer)
        {
            var numbers = new long?[rows.Count];
            for (var r = 0; r < rows.Count; r++) numbers[r] = rows[r][index] is null ? null : Values.ToLong(rows[r][index]);
            return numbers;
        }
        var texts = new string?[rows.Count];
        for (var r = 0; r < rows.Count; r++) texts[r] = (string?)rows[r][index];
        return texts;
    }
}

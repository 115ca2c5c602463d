using System.Collections.Concurrent;
using System.Diagnostics;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlashSale.ReadModels.Sqlite;

/// <summary>
/// Reads the rows of a set of keys through SQLite's own API, the keys bound by position. Bound by name (a
/// <c>SqliteCommand</c>'s parameters), each of the hundreds of keys of a projection batch was looked up among the
/// statement's parameter names one by one: that linear search was the largest part of the projections' CPU.
/// </summary>
internal static class RawRowReader
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);

    // The live runner loads the new keys of every batch: the statement text for a table and a number of keys is built once
    // (at most KeysPerQuery sizes per table and slot).
    private static readonly ConcurrentDictionary<(ReadModelTable Table, string Name, int Keys), string> Statements = new();

    public static void Read(SqliteConnection connection, IProjection projection, ReadModelSlot slot, RowKey[] keys,
        Dictionary<RowKey, object?[]> rows)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The read store connection is not open.");
        var table = projection.Table;
        var sql = Statements.GetOrAdd((table, ReadModelSql.TableName(projection, slot), keys.Length), static at =>
            $"SELECT {ReadModelSql.SelectColumns(at.Table)} FROM {at.Name} WHERE {ReadModelSql.KeyIn(at.Table, at.Keys, static (_, _) => "?")}");
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        try
        {
            var position = 0;
            foreach (var key in keys)
                for (var v = 0; v < key.Count; v++)
                    Check(db, raw.sqlite3_bind_text(statement, ++position, key[v]));
            var waited = Stopwatch.StartNew();
            var read = 0;
            while (true)
            {
                var step = raw.sqlite3_step(statement);
                if (step == raw.SQLITE_DONE) return;
                if (step == raw.SQLITE_ROW)
                {
                    var values = Values(statement, table);
                    rows[table.KeyOf(values)] = values;
                    read++;
                    continue;
                }
                // What SqliteCommand does on a locked database: wait and try again, up to the store's timeout.
                if (step is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && read == 0 && waited.Elapsed < BusyTimeout)
                {
                    raw.sqlite3_reset(statement);
                    Thread.Sleep(10);
                    continue;
                }
                SqliteException.ThrowExceptionForRC(step, db);
            }
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }
    }

    private static object?[] Values(sqlite3_stmt statement, ReadModelTable table)
    {
        var values = new object?[table.Columns.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = raw.sqlite3_column_type(statement, i) == raw.SQLITE_NULL ? null
                : table.Columns[i].Type == ColumnType.Integer ? raw.sqlite3_column_int64(statement, i)
                : raw.sqlite3_column_text(statement, i).utf8_to_string();
        return values;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using FlashSale.Projections;
using FlashSale.ReadModels.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlashSale.ReadModels.Sqlite;

/// <summary>
/// Writes a commit's rows through SQLite's own API on the connection (inside the transaction the store began): one
/// prepared upsert, values bound directly, no parameter objects. A rebuild writes hundreds of thousands of rows, and
/// per-row SqliteCommand overhead was the larger part of the write time.
/// </summary>
internal static class RawRowWriter
{
    // Built once per table and slot rather than per commit: the live projections commit every few milliseconds (ADR 0029).
    private static readonly ConcurrentDictionary<(ReadModelTable Table, string Name), RowStatements> Statements = new();

    private static string Placeholder(int i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture);

    private sealed record RowStatements(string Upsert, string Delete);

    public static void Write(SqliteConnection connection, ProjectionCommit commit)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The read store connection is not open.");
        var table = commit.Projection.Table;
        var name = ReadModelSql.TableName(commit.Projection, commit.Slot);
        var sql = Statements.GetOrAdd((table, name), static key => new RowStatements(
            ReadModelSql.Upsert(key.Table, key.Name, Placeholder),
            $"DELETE FROM {key.Name} WHERE {ReadModelSql.KeyEquals(key.Table, Placeholder)}"));
        if (commit.Upserts.Count > 0) Run(db, sql.Upsert, commit.Upserts, Upsert);
        if (commit.Deletes.Count > 0) Run(db, sql.Delete, [.. commit.Deletes.Select(table.Checked)], Delete);

        void Delete(sqlite3_stmt statement, RowKey key)
        {
            for (var i = 0; i < key.Count; i++) Check(db, raw.sqlite3_bind_text(statement, i + 1, key[i]));
        }

        void Upsert(sqlite3_stmt statement, object?[] row)
        {
            for (var i = 0; i < row.Length; i++)
                Check(db, row[i] switch
                {
                    null => raw.sqlite3_bind_null(statement, i + 1),
                    long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                    string text => raw.sqlite3_bind_text(statement, i + 1, text),
                    var other => throw new InvalidOperationException($"Column {table.Columns[i].Name} holds a {other.GetType().Name}."),
                });
        }
    }

    private static void Run<T>(sqlite3 db, string sql, IReadOnlyList<T> items, Action<sqlite3_stmt, T> bind)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        try
        {
            foreach (var item in items)
            {
                bind(statement, item);
                var done = raw.sqlite3_step(statement);
                if (done != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(done, db);
                raw.sqlite3_reset(statement);
            }
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }
}

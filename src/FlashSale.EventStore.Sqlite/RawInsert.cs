using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlashSale.EventStore.Sqlite;

/// <summary>
/// The event insert as one persistent prepared statement driven through SQLite's own API on the writer connection
/// (inside the transaction Microsoft.Data.Sqlite opened). It binds UTF-8 spans directly: no parameter objects, no
/// string transcoding. In an isolated insert probe (192-event transactions, fsync on) it took 7.4 µs per event against
/// 9.9 µs for a 32-row multi-VALUES SqliteCommand.
/// </summary>
internal sealed class RawInsert : IDisposable
{
    private const string Sql = """
        INSERT INTO events (position, stream_id, stream_revision, event_id, event_type, data, metadata, created_ms)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawInsert(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        Check(raw.sqlite3_prepare_v3(_db, Sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement));
    }

    public void Insert(long position, ReadOnlySpan<byte> streamId, long revision, ReadOnlySpan<byte> eventId, ReadOnlySpan<byte> type,
        ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, long createdMs)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_statement, 1, position));
            Check(raw.sqlite3_bind_text(_statement, 2, streamId));
            Check(raw.sqlite3_bind_int64(_statement, 3, revision));
            Check(raw.sqlite3_bind_blob(_statement, 4, eventId));
            Check(raw.sqlite3_bind_text(_statement, 5, type));
            // JSON is stored as TEXT from its UTF-8 bytes as given, so it reads back byte for byte.
            Check(raw.sqlite3_bind_text(_statement, 6, data));
            Check(raw.sqlite3_bind_text(_statement, 7, metadata));
            Check(raw.sqlite3_bind_int64(_statement, 8, createdMs));
            var done = raw.sqlite3_step(_statement);
            if (done != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(done, _db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => raw.sqlite3_finalize(_statement);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }
}

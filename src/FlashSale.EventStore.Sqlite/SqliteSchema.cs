namespace FlashSale.EventStore.Sqlite;

internal static class SqliteSchema
{
    // position is the rowid: assigned by the single writer as head + 1, so the global log has no gaps.
    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS events (
            position        INTEGER PRIMARY KEY,
            stream_id       TEXT    NOT NULL,
            stream_revision INTEGER NOT NULL,
            event_id        BLOB    NOT NULL, -- 16 bytes, RFC 4122 (big-endian) order
            event_type      TEXT    NOT NULL,
            data            TEXT    NOT NULL,
            metadata        TEXT    NOT NULL,
            created_ms      INTEGER NOT NULL,
            UNIQUE (stream_id, stream_revision)
        );
        CREATE TABLE IF NOT EXISTS streams (
            stream_id TEXT    PRIMARY KEY,
            revision  INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    // FULL makes every commit fsync the WAL: a caller is only answered after its events survive a power cut.
    public const string ConnectionPragmas = """
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 10000;
        PRAGMA cache_size = -65536;
        PRAGMA temp_store = MEMORY;
        """;
}

using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlashSale.EventStore.Sqlite;

/// <summary>
/// Copies the log's WAL back into the database file on a thread and connection of its own, so that no commit waits for the
/// bulk of it (ADR 0039). SQLite's automatic checkpoint runs on the committing connection right after its COMMIT: the
/// appends queued meanwhile waited for the whole copy and its fsyncs. The writer connection has it off; this one runs a
/// PASSIVE checkpoint (never waiting for readers or writers, of this process or others), as the automatic one does, once
/// the writer has put <see cref="SqliteEventStoreOptions.CheckpointAfterPages"/> pages into the WAL since it last started
/// over. The WAL starts over only from a checkpoint that copied all of it, which one running beside a busy writer never
/// does: the writer's next commit copies the few frames it missed (a PASSIVE checkpoint of its own), and the transaction
/// after that writes from the WAL's start again. Should the checkpointer fall behind, the writer checkpoints after every
/// commit once the WAL passes four times the threshold, as SQLite's automatic checkpoint does past its own.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private const int FallBehindFactor = 4;

    private readonly string _connectionString;
    private readonly int _afterPages;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _due = new(0);
    private readonly ManualResetEventSlim _resumed = new(true);
    private long _pagesSinceStartOver;
    private volatile bool _stopping;
    private int _signalled;
    private int _finishDue;
    private long _checkpoints;
    private long _finishes;
    private long _fellBehind;

    public WalCheckpointer(string connectionString, int afterPages)
    {
        (_connectionString, _afterPages) = (connectionString, afterPages);
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite WAL checkpoint" };
        _thread.Start();
    }

    /// <summary>Checkpoints this checkpointer's thread ran (tests).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Checkpoints the writer ran to copy what the last one missed (tests).</summary>
    public long Finishes => Interlocked.Read(ref _finishes);

    /// <summary>Checkpoints the writer ran because this one fell behind (tests).</summary>
    public long FellBehind => Interlocked.Read(ref _fellBehind);

    /// <summary>Holds checkpoints back until <see cref="Resume"/> (tests: a checkpointer that fell behind).</summary>
    public void Pause() => _resumed.Reset();

    public void Resume() => _resumed.Set();

    /// <summary>After a commit on the writer connection (by its leader, outside any transaction): the pages it put into the WAL.</summary>
    public void Committed(sqlite3 writer, long pages)
    {
        var pending = Interlocked.Add(ref _pagesSinceStartOver, pages);
        var finish = Interlocked.Exchange(ref _finishDue, 0) == 1;
        if (finish || pending >= (long)_afterPages * FallBehindFactor)
        {
            Interlocked.Increment(ref finish ? ref _finishes : ref _fellBehind);
            // As SQLite's automatic checkpoint: its outcome (busy, or a full disk) is not the commit's.
            if (raw.sqlite3_wal_checkpoint_v2(writer, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out var copied) == raw.SQLITE_OK
                && copied == log)
                Interlocked.Exchange(ref _pagesSinceStartOver, 0);
            return;
        }
        if (pending >= _afterPages && Interlocked.Exchange(ref _signalled, 1) == 0) _due.Release();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                _due.Wait();
                _resumed.Wait();
                if (_stopping) return;
                try
                {
                    connection ??= Open();
                    // Busy (another process checkpointing) or failed: the next one retries, and should they keep failing the
                    // writer checkpoints itself.
                    if (raw.sqlite3_wal_checkpoint_v2(connection.Handle!, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _) == raw.SQLITE_OK)
                    {
                        Interlocked.Increment(ref _checkpoints);
                        Volatile.Write(ref _finishDue, 1);
                    }
                }
                catch (Exception)
                {
                    connection?.Dispose();
                    connection = null;
                }
                Volatile.Write(ref _signalled, 0);
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // A checkpoint fsyncs the WAL before copying it and the database file before the WAL may start over, unless OFF.
        pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    public void Dispose()
    {
        _stopping = true;
        _resumed.Set();
        _due.Release();
        _thread.Join();
        _due.Dispose();
        _resumed.Dispose();
    }
}

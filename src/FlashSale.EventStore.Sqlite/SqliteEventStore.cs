using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlashSale.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode with durable commits. One writer connection per process
/// serializes appends; other processes on the same file are serialized by SQLite's write lock. Appends that arrive while
/// a transaction is being written wait in a queue and go into the next transaction together, one durable commit for all
/// of them, each with its own expected-revision check and answer (ADR 0034).
/// </summary>
public sealed partial class SqliteEventStore : IEventStore, IAsyncDisposable
{
    private const int PageSize = 1024;

    // A few batches of the largest size (MaxBatchSize 10,000 orders of 2 events would not fit, and then read the file).
    private const int RecentCapacity = 8192;

    private readonly string _connectionString;
    private readonly SqliteEventStoreOptions _options;
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _readStreamRevision;
    private readonly SqliteCommand _readHead;
    private readonly RawInsert _insertEvent;
    private readonly RepeatedAppends _repeats;
    private readonly Dictionary<string, byte[]> _typeNames = new(StringComparer.Ordinal);
    private readonly SqliteCommand _upsertStream;
    private readonly RecentAppends _recent = new(RecentCapacity);
    private readonly WalCheckpointer? _checkpointer;

    // The commit queue: appends waiting for the next transaction, and whether one caller (the leader) is writing
    // transactions now. Only the leader touches the writer connection.
    private readonly Lock _queueLock = new();
    private readonly LinkedList<PendingAppend> _queue = new();
    private bool _leading;
    private bool _disposed;
    private TaskCompletionSource? _idle;
    private long _commits;

    private TaskCompletionSource _appended = NewSignal();

    private SqliteEventStore(string connectionString, SqliteEventStoreOptions options, SqliteConnection writer)
    {
        _connectionString = connectionString;
        _options = options;
        _writer = writer;
        _readStreamRevision = Command("SELECT revision FROM streams WHERE stream_id = $stream", "$stream");
        _readHead = Command("SELECT coalesce(max(position), 0) FROM events");
        _insertEvent = new RawInsert(writer);
        _repeats = new RepeatedAppends(writer);
        _upsertStream = Command(
            "INSERT INTO streams (stream_id, revision) VALUES ($stream, $revision) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision",
            "$stream", "$revision");
        if (options.CheckpointAfterPages is { } pages) _checkpointer = new WalCheckpointer(connectionString, pages);
    }

    /// <param name="path">The database file; its directory is created if missing.</param>
    /// <param name="pollInterval">How often a live subscription looks for events appended by other processes.</param>
    public static Task<SqliteEventStore> OpenAsync(string path, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        OpenAsync(path, new SqliteEventStoreOptions { PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(200) }, cancellationToken);

    /// <param name="path">The database file; its directory is created if missing.</param>
    public static async Task<SqliteEventStore> OpenAsync(string path, SqliteEventStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAppendsPerCommit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEventsPerCommit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytesPerCommit, 1);
        if (options.CheckpointAfterPages is { } pages) ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync(cancellationToken);
        await Execute(writer, SqliteSchema.ConnectionPragmas, cancellationToken);
        await Execute(writer, SqliteSchema.Create, cancellationToken);
        if (options.CheckpointAfterPages is not null) await Execute(writer, "PRAGMA wal_autocheckpoint = 0", cancellationToken);
        return new SqliteEventStore(connectionString, options, writer);
    }

    /// <remarks>Every event's position is known without a read, so it is answered whatever <paramref name="positions"/> asks
    /// (the port allows it): a writer then answers each command with its own events' positions.</remarks>
    public bool AnswersEveryAppendedPosition => true;

    /// <summary>Durable commits this instance made (tests: which appends shared one).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>The WAL's checkpointer; null when SQLite checkpoints on the commit path (tests).</summary>
    internal WalCheckpointer? Checkpointer => _checkpointer;

    /// <summary>Appends waiting for a transaction (tests: everything is queued before the write lock is let go).</summary>
    internal int QueuedAppends
    {
        get { lock (_queueLock) return _queue.Count; }
    }

    /// <summary>Caps the file at <paramref name="pages"/> pages (null: SQLite's default), as a full disk would (tests).
    /// Only between appends: the writer connection is the leader's.</summary>
    internal void LimitFileSize(long? pages)
    {
        lock (_queueLock)
        {
            if (_leading) throw new InvalidOperationException("An append is under way.");
            using var command = _writer.CreateCommand();
            command.CommandText = $"PRAGMA max_page_count = {pages ?? 4294967294}";
            command.ExecuteNonQuery();
        }
    }

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<AppendResult>(cancellationToken);

        var append = new PendingAppend(streamId, expected, events);
        bool lead;
        lock (_queueLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            append.Node = _queue.AddLast(append);
            lead = !_leading;
            _leading = true;
        }
        if (!lead)
        {
            if (cancellationToken.CanBeCanceled) WatchCancellation(append, cancellationToken);
            return append.Task;
        }
        // This caller writes the transaction its own append goes into (with whatever queued meanwhile) on its own thread, as
        // an append without company always did; transactions for appends queued during that commit go on on the pool.
        WriteTransaction();
        if (!LeaveIfIdle()) ThreadPool.UnsafeQueueUserWorkItem(static store => store.Lead(), this, preferLocal: false);
        return append.Task;
    }

    private void WatchCancellation(PendingAppend append, CancellationToken cancellationToken)
    {
        var registration = cancellationToken.Register(static (state, token) =>
        {
            var (store, append) = ((SqliteEventStore, PendingAppend))state!;
            store.Cancel(append, token);
        }, (this, append));
        lock (_queueLock)
        {
            // Kept only while it waits: one taken meanwhile must not leave a registration on a long-lived token.
            if (append.Node is not null) (append.Cancellation, registration) = (registration, default);
        }
        registration.Dispose();
    }

    private void Cancel(PendingAppend append, CancellationToken token)
    {
        lock (_queueLock)
        {
            // Already in a transaction: it is answered with that transaction's outcome, as an append past the lock always was.
            if (append.Node is null) return;
            _queue.Remove(append.Node);
            append.Node = null;
        }
        append.TrySetCanceled(token);
    }

    private void Lead()
    {
        do WriteTransaction();
        while (!LeaveIfIdle());
    }

    /// <summary>Gives up the lead when nothing waits; otherwise keeps it for the next transaction.</summary>
    private bool LeaveIfIdle()
    {
        TaskCompletionSource? idle;
        lock (_queueLock)
        {
            if (_queue.Count > 0) return false;
            _leading = false;
            idle = _idle;
        }
        idle?.TrySetResult();
        return true;
    }

    /// <summary>One transaction: takes the write lock first (SQLite's, against other processes), then everything queued
    /// by then (bounded), checks and writes each append in queue order, commits once and only then answers each.</summary>
    private void WriteTransaction()
    {
        List<PendingAppend> batch = [];
        Exception? failure = null;
        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            Take(batch);
            if (batch.Count == 0) return;
            _readHead.Transaction = transaction;
            var head = (long)_readHead.ExecuteScalar()!;
            var created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var wrote = false;
            foreach (var append in batch)
            {
                append.Result = AppendInTransaction(transaction, append, ref head, created);
                wrote |= append.Written is not null;
            }
            // Nothing written (conflicts and repeats only): the rollback on dispose costs no fsync.
            if (wrote)
            {
                transaction.Commit();
                _checkpointer?.Committed(_writer.Handle!, PagesWritten());
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        if (batch.Count == 0 && failure is not null)
        {
            // The write lock was never had (busy past the timeout): what waits for it now shares the failure.
            Take(batch);
        }
        if (failure is not null)
        {
            foreach (var append in batch) Finish(append).TrySetException(failure);
            return;
        }
        Published(batch);
        foreach (var append in batch) Finish(append).TrySetResult(append.Result!);
    }

    /// <summary>Pages the writer connection put into the WAL since the last call.</summary>
    private long PagesWritten()
    {
        raw.sqlite3_db_status(_writer.Handle!, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        return pages;
    }

    private PendingAppend Finish(PendingAppend append)
    {
        append.Cancellation.Dispose();
        return append;
    }

    /// <summary>The queued appends from the front, up to the bounds (at least one). Under the write lock, so an append that
    /// queued while the lock was awaited still makes this transaction.</summary>
    private void Take(List<PendingAppend> batch)
    {
        var maxAppends = _options.CommitAppendsTogether ? _options.MaxAppendsPerCommit : 1;
        var (events, bytes) = (0L, 0L);
        lock (_queueLock)
        {
            while (_queue.First is { Value: var next } && batch.Count < maxAppends)
            {
                if (batch.Count > 0 && (events + next.Events.Count > _options.MaxEventsPerCommit || bytes + next.Bytes > _options.MaxBytesPerCommit))
                    break;
                _queue.RemoveFirst();
                next.Node = null;
                batch.Add(next);
                events += next.Events.Count;
                bytes += next.Bytes;
            }
        }
    }

    /// <summary>Once per commit, in log order: the live subscriptions' cache, then one wake-up for all of it.</summary>
    private void Published(List<PendingAppend> batch)
    {
        var written = 0;
        foreach (var append in batch) written += append.Written?.Length ?? 0;
        if (written == 0) return;
        Interlocked.Increment(ref _commits);
        var events = new RecordedEvent[written];
        var at = 0;
        foreach (var append in batch)
        {
            if (append.Written is not { } stored) continue;
            stored.CopyTo(events, at);
            at += stored.Length;
        }
        _recent.Add(events);
        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
    }

    /// <summary>One append's check and writes inside the shared transaction: a conflict or a repeat writes nothing, so it
    /// leaves the other appends of the transaction as they are. Reads see the earlier appends of the same transaction.</summary>
    private AppendResult AppendInTransaction(SqliteTransaction transaction, PendingAppend append, ref long head, long created)
    {
        var (streamId, expected, events) = (append.StreamId, append.Expected, append.Events);
        _readStreamRevision.Transaction = transaction;
        _readStreamRevision.Parameters[0].Value = streamId;
        var current = _readStreamRevision.ExecuteScalar() is long revision ? revision : -1;
        if (!expected.IsSatisfiedBy(current))
            return _repeats.Find(transaction, streamId, expected, current, events)
                ?? (AppendResult)new AppendResult.WrongExpectedVersion(streamId, expected, current);

        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(created);
        var stream = Encoding.UTF8.GetBytes(streamId);
        Span<byte> eventId = stackalloc byte[16];
        var recorded = new RecordedEvent[events.Count];
        var positions = new LogPosition[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            e.EventId.TryWriteBytes(eventId, bigEndian: true, out _);
            _insertEvent.Insert(head + 1 + i, stream, current + 1 + i, eventId, TypeName(e.Type), e.Data.Span, e.Metadata.Span, created);
            positions[i] = LogPosition.At((ulong)(head + 1 + i));
            // What was stored, whatever the caller does with its buffers afterwards: copies, unless the caller never
            // changes them (the item writers; a copy of every order's events was 7% of what the API allocated, ADR 0041).
            recorded[i] = new RecordedEvent(streamId, current + 1 + i, positions[i], e.EventId, e.Type,
                e.Unchanging ? e.Data : e.Data.ToArray(), e.Unchanging ? e.Metadata : e.Metadata.ToArray(), createdAt);
        }

        var next = current + events.Count;
        _upsertStream.Transaction = transaction;
        _upsertStream.Parameters[0].Value = streamId;
        _upsertStream.Parameters[1].Value = next;
        _upsertStream.ExecuteNonQuery();
        head += events.Count;
        append.Written = recorded;
        return new AppendResult.Success(next, positions);
    }

    /// <summary>Storage type names as UTF-8, encoded once: a project has a handful (the cache is bounded anyway).</summary>
    private byte[] TypeName(string type)
    {
        if (_typeNames.TryGetValue(type, out var bytes)) return bytes;
        bytes = Encoding.UTF8.GetBytes(type);
        if (_typeNames.Count < 256) _typeNames[type] = bytes;
        return bytes;
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = Math.Max(0, fromRevision);
        var remaining = maxCount;
        await using var connection = await OpenReaderAsync(cancellationToken);
        while (remaining > 0)
        {
            var page = new List<RecordedEvent>(Math.Min(PageSize, remaining));
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT position, stream_id, stream_revision, event_id, event_type, data, metadata, created_ms
                    FROM events WHERE stream_id = $stream AND stream_revision >= $from ORDER BY stream_revision LIMIT $limit
                    """;
                command.Parameters.AddWithValue("$stream", streamId);
                command.Parameters.AddWithValue("$from", next);
                command.Parameters.AddWithValue("$limit", Math.Min(PageSize, remaining));
                await ReadPage(command, page, cancellationToken);
            }
            foreach (var e in page) yield return e;
            if (page.Count < Math.Min(PageSize, remaining)) yield break;
            remaining -= page.Count;
            next = page[^1].StreamRevision + 1;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = (long)(after?.Commit ?? 0);
        var remaining = maxCount;
        await using var connection = await OpenReaderAsync(cancellationToken);
        while (remaining > 0)
        {
            var page = new List<RecordedEvent>(Math.Min(PageSize, remaining));
            var limit = Math.Min(PageSize, remaining);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT position, stream_id, stream_revision, event_id, event_type, data, metadata, created_ms
                    FROM events WHERE position > $after ORDER BY position LIMIT $limit
                    """;
                command.Parameters.AddWithValue("$after", from);
                command.Parameters.AddWithValue("$limit", limit);
                await ReadPage(command, page, cancellationToken);
            }
            foreach (var e in page)
            {
                if (filter is not null && !filter.Passes(e.StreamId)) continue;
                yield return e;
                if (--remaining == 0) yield break;
            }
            if (page.Count < limit) yield break;
            from = (long)page[^1].Position.Commit;
        }
    }

    /// <summary>How many recent appends are held for live subscriptions (for tests).</summary>
    internal int RecentAppendsHeld => _recent.Count;

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = checkpoint;
        // Woken by this instance's own append, what follows is usually held in memory (RecentAppends); the first read,
        // a poll (other processes' appends) and a gap read the file.
        var fromFile = true;
        var recent = new List<RecordedEvent>();
        var reader = _recent.Join();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Taken before reading, so an append that lands after the read still wakes us.
                var appended = Volatile.Read(ref _appended).Task;
                if (!fromFile && after is { } position)
                {
                    recent.Clear();
                    if (_recent.TryContinue(position, PageSize, recent))
                    {
                        if (recent.Count > 0) _recent.Pass(reader, recent[^1].Position);
                        foreach (var e in recent)
                        {
                            after = e.Position;
                            if (filter.Passes(e.StreamId)) yield return e;
                        }
                        if (recent.Count > 0) continue;
                    }
                    else fromFile = true;
                }
                if (fromFile || after is null)
                {
                    var read = 0;
                    await foreach (var e in ReadAllAsync(after, PageSize, null, cancellationToken))
                    {
                        read++;
                        after = e.Position;
                        if (filter.Passes(e.StreamId)) yield return e;
                    }
                    if (after is { } passed) _recent.Pass(reader, passed);
                    if (read == PageSize) continue;
                }
                fromFile = await Task.WhenAny(appended, Task.Delay(_options.PollInterval, cancellationToken)) != appended;
            }
        }
        finally
        {
            _recent.Leave(reader);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    public async Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(position) FROM events";
        return await command.ExecuteScalarAsync(cancellationToken) is long head ? LogPosition.At((ulong)head) : null;
    }

    public async ValueTask DisposeAsync()
    {
        Task idle;
        lock (_queueLock)
        {
            if (_disposed) return;
            _disposed = true;
            // Appends already queued are written and answered first.
            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_leading) _idle.SetResult();
            idle = _idle.Task;
        }
        await idle;
        // Before the writer: the last connection to close checkpoints what is left and removes the WAL.
        _checkpointer?.Dispose();
        foreach (var command in new[] { _readStreamRevision, _readHead, _upsertStream }) command.Dispose();
        _insertEvent.Dispose();
        _repeats.Dispose();
        // Pooled connections would keep the file open after disposal (blocking a restore that replaces it).
        SqliteConnection.ClearPool(_writer);
        await _writer.DisposeAsync();
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ReadPage(SqliteCommand command, List<RecordedEvent> page, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new RecordedEvent(
                StreamId: reader.GetString(1),
                StreamRevision: reader.GetInt64(2),
                Position: LogPosition.At((ulong)reader.GetInt64(0)),
                EventId: new Guid(reader.GetFieldValue<byte[]>(3), bigEndian: true),
                Type: reader.GetString(4),
                Data: reader.GetFieldValue<byte[]>(5),
                Metadata: reader.GetFieldValue<byte[]>(6),
                Created: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _writer.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

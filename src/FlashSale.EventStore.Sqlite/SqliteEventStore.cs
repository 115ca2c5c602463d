using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode with durable commits. One writer connection per process
/// serializes appends; other processes on the same file are serialized by SQLite's write lock.
/// </summary>
public sealed partial class SqliteEventStore : IEventStore, IAsyncDisposable
{
    private const int PageSize = 1024;

    // A few batches of the largest size (MaxBatchSize 10,000 orders of 2 events would not fit, and then read the file).
    private const int RecentCapacity = 8192;

    private readonly string _connectionString;
    private readonly TimeSpan _pollInterval;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _readStreamRevision;
    private readonly SqliteCommand _readHead;
    private readonly RawInsert _insertEvent;
    private readonly RepeatedAppends _repeats;
    private readonly Dictionary<string, byte[]> _typeNames = new(StringComparer.Ordinal);
    private readonly SqliteCommand _upsertStream;
    private readonly RecentAppends _recent = new(RecentCapacity);
    private TaskCompletionSource _appended = NewSignal();
    private int _disposed;

    private SqliteEventStore(string connectionString, TimeSpan pollInterval, SqliteConnection writer)
    {
        _connectionString = connectionString;
        _pollInterval = pollInterval;
        _writer = writer;
        _readStreamRevision = Command("SELECT revision FROM streams WHERE stream_id = $stream", "$stream");
        _readHead = Command("SELECT coalesce(max(position), 0) FROM events");
        _insertEvent = new RawInsert(writer);
        _repeats = new RepeatedAppends(writer);
        _upsertStream = Command(
            "INSERT INTO streams (stream_id, revision) VALUES ($stream, $revision) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision",
            "$stream", "$revision");
    }

    /// <param name="path">The database file; its directory is created if missing.</param>
    /// <param name="pollInterval">How often a live subscription looks for events appended by other processes.</param>
    public static async Task<SqliteEventStore> OpenAsync(string path, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync(cancellationToken);
        await Execute(writer, SqliteSchema.ConnectionPragmas, cancellationToken);
        await Execute(writer, SqliteSchema.Create, cancellationToken);
        return new SqliteEventStore(connectionString, pollInterval ?? TimeSpan.FromMilliseconds(200), writer);
    }

    /// <remarks>Every event's position is known without a read, so it is answered whatever <paramref name="positions"/> asks
    /// (the port allows it): a writer then answers each command with its own events' positions.</remarks>
    public bool AnswersEveryAppendedPosition => true;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            AppendResult result;
            RecordedEvent[]? written;
            using (var transaction = _writer.BeginTransaction(deferred: false))
            {
                result = AppendInTransaction(transaction, streamId, expected, events, out written);
                if (result is AppendResult.Success) transaction.Commit();
            }
            if (result is AppendResult.Success)
            {
                if (written is not null) _recent.Add(written);
                Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
            }
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private AppendResult AppendInTransaction(SqliteTransaction transaction, string streamId, ExpectedRevision expected,
        IReadOnlyList<EventData> events, out RecordedEvent[]? written)
    {
        written = null;
        _readStreamRevision.Transaction = transaction;
        _readStreamRevision.Parameters[0].Value = streamId;
        var current = _readStreamRevision.ExecuteScalar() is long revision ? revision : -1;
        if (!expected.IsSatisfiedBy(current))
            return _repeats.Find(transaction, streamId, expected, current, events)
                ?? (AppendResult)new AppendResult.WrongExpectedVersion(streamId, expected, current);

        _readHead.Transaction = transaction;
        var head = (long)_readHead.ExecuteScalar()!;
        var created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(created);
        var stream = Encoding.UTF8.GetBytes(streamId);
        Span<byte> eventId = stackalloc byte[16];
        var recorded = new RecordedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            e.EventId.TryWriteBytes(eventId, bigEndian: true, out _);
            _insertEvent.Insert(head + 1 + i, stream, current + 1 + i, eventId, TypeName(e.Type), e.Data.Span, e.Metadata.Span, created);
            // Copies: what was stored, whatever the caller does with its buffers afterwards.
            recorded[i] = new RecordedEvent(streamId, current + 1 + i, LogPosition.At((ulong)(head + 1 + i)), e.EventId, e.Type,
                e.Data.ToArray(), e.Metadata.ToArray(), createdAt);
        }
        written = recorded;

        var next = current + events.Count;
        _upsertStream.Transaction = transaction;
        _upsertStream.Parameters[0].Value = streamId;
        _upsertStream.Parameters[1].Value = next;
        _upsertStream.ExecuteNonQuery();
        var positions = new LogPosition[events.Count];
        for (var i = 0; i < positions.Length; i++) positions[i] = LogPosition.At((ulong)(head + 1 + i));
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

    public async IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = checkpoint;
        // Woken by this instance's own append, what follows is usually held in memory (RecentAppends); the first read,
        // a poll (other processes' appends) and a gap read the file.
        var fromFile = true;
        var recent = new List<RecordedEvent>();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before reading, so an append that lands after the read still wakes us.
            var appended = Volatile.Read(ref _appended).Task;
            if (!fromFile && after is { } position)
            {
                recent.Clear();
                if (_recent.TryContinue(position, PageSize, recent))
                {
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
                if (read == PageSize) continue;
            }
            fromFile = await Task.WhenAny(appended, Task.Delay(_pollInterval, cancellationToken)) != appended;
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
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _writeLock.WaitAsync();
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

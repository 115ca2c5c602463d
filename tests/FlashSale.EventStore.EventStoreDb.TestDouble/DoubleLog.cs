using System.Text;
using Google.Protobuf;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>
/// The double's in-memory transaction log. Positions are byte-offset-like (they grow by each record's size, never
/// by one), the log opens with a system event at position 0, and every third append is preceded by a system
/// <c>$stats-...</c> event, so $all interleaves <c>$</c> events that a client's filter must drop.
/// </summary>
internal sealed class DoubleLog
{
    public const long Any = -2, NoStream = -1, StreamExists = -4;

    private readonly Lock _gate = new();
    private readonly List<StoredEvent> _all = [];
    private readonly Dictionary<string, List<StoredEvent>> _streams = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tombstoned = new(StringComparer.Ordinal);
    private readonly string _statsStream;
    private ulong _offset;
    private int _appends;
    private TaskCompletionSource _changed = NewSignal();

    private readonly DoublePositions _positions;

    public DoubleLog(string node, DoublePositions positions)
    {
        _statsStream = $"$stats-{node}";
        _positions = positions;
        lock (_gate) Write("$epoch-information", "$epoch", []);
    }

    /// <summary>Completes on the next write.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public AppendOutcome Append(string stream, long expected, IReadOnlyList<ProposedEvent> events)
    {
        TaskCompletionSource changed;
        AppendOutcome outcome;
        lock (_gate)
        {
            if (_tombstoned.Contains(stream)) return new AppendOutcome.Deleted();
            var existing = _streams.GetValueOrDefault(stream) ?? [];
            var current = existing.Count - 1L;
            if (Repeat(existing, expected, events) is { } repeat) return Positioned(stream, existing, repeat);
            if (!Satisfies(expected, current)) return new AppendOutcome.WrongExpectedVersion(current);
            if (events.Count == 0) return new AppendOutcome.Written(current, 0, 0);

            if (++_appends % 3 == 0) Write(_statsStream, "$statsCollected", []);
            var written = Write(stream, null, events);
            outcome = new AppendOutcome.Written(written[^1].Revision, written[^1].Commit, written[^1].Prepare);
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
        return outcome;
    }

    public void Tombstone(string stream)
    {
        lock (_gate) _tombstoned.Add(stream);
    }

    public bool IsTombstoned(string stream)
    {
        lock (_gate) return _tombstoned.Contains(stream);
    }

    /// <summary>The stream's events, or null when it does not exist.</summary>
    public IReadOnlyList<StoredEvent>? Stream(string stream)
    {
        lock (_gate) return _streams.TryGetValue(stream, out var events) ? [.. events] : null;
    }

    /// <summary>
    /// Up to <paramref name="count"/> events of the stream from revision <paramref name="from"/> (forwards) or down
    /// from it (backwards; -1 = none, past the end = from the last), and the stream's last revision; null when the
    /// stream does not exist. Only the slice is copied: a long stream read by small pages stays cheap. Events the stream's
    /// metadata truncates (<see cref="StreamMetadata"/>) are not read; <c>FirstReadable</c> is the first that is.
    /// </summary>
    public (IReadOnlyList<StoredEvent> Events, long LastRevision, long FirstReadable)? StreamSlice(string stream, long from, int count, bool backwards)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var events)) return null;
            var first = StreamMetadata.FirstReadable(stream, events, _streams.GetValueOrDefault(StreamMetadata.MetastreamPrefix + stream));
            if (first == long.MaxValue) return null;
            var readable = (int)Math.Min(events.Count, first);
            if (!backwards)
            {
                var start = (int)Math.Min(Math.Max(readable, from), events.Count);
                return (events.GetRange(start, Math.Min(count, events.Count - start)), events.Count - 1L, first);
            }
            var top = (int)Math.Min(from, events.Count - 1L);
            var taken = new List<StoredEvent>();
            for (var i = top; i >= readable && taken.Count < count; i--) taken.Add(events[i]);
            return (taken, events.Count - 1L, first);
        }
    }

    /// <summary>Up to <paramref name="max"/> events of $all from index <paramref name="from"/>.</summary>
    public IReadOnlyList<StoredEvent> Slice(int from, int max)
    {
        lock (_gate) return from >= _all.Count ? [] : _all.GetRange(from, Math.Min(max, _all.Count - from));
    }

    public int Count
    {
        get { lock (_gate) return _all.Count; }
    }

    /// <summary>Index of the first event at or after (inclusive) / after (exclusive) the position.</summary>
    public int IndexOf(ulong commit, ulong prepare, bool inclusive)
    {
        lock (_gate)
        {
            var (low, high) = (0, _all.Count);
            while (low < high)
            {
                var mid = (low + high) / 2;
                var c = _all[mid].CompareTo(commit, prepare);
                if (c < 0 || (c == 0 && !inclusive)) low = mid + 1;
                else high = mid;
            }
            return low;
        }
    }

    /// <summary>
    /// The server's idempotency check (23.10 <c>IndexWriter.CheckCommit</c>), which compares ids, never data. Behind the
    /// stream with an exact revision (or no stream): the ids must be those stored right after it, all of them (a repeat,
    /// nothing written) or the append is a wrong expected version, also when only a later one differs or it runs past
    /// the end (the server's "corrupted idempotency"). With any / stream exists each id is looked up among the stream's
    /// events (the server's recent-ids cache, which here never forgets): the first not found means a new write, all
    /// found a repeat, found then not found a wrong expected version. Null: no repeat, check the expectation as usual.
    /// </summary>
    private static AppendOutcome? Repeat(List<StoredEvent> existing, long expected, IReadOnlyList<ProposedEvent> events)
    {
        var current = existing.Count - 1L;
        if (events.Count == 0 || current < 0) return null;
        StoredEvent? last = null;
        if (expected is Any or StreamExists)
        {
            for (var i = 0; i < events.Count; i++)
            {
                var id = events[i].Id;
                last = existing.FindLast(e => e.Id == id);
                if (last is null) return i == 0 ? null : new AppendOutcome.WrongExpectedVersion(current);
            }
        }
        else
        {
            if (expected >= current) return null;
            for (var i = 0; i < events.Count; i++)
            {
                var revision = expected + 1 + i;
                if (revision > current || existing[(int)revision].Id != events[i].Id) return new AppendOutcome.WrongExpectedVersion(current);
                last = existing[(int)revision];
            }
        }
        return new AppendOutcome.Written(last!.Revision, last.Commit, last.Prepare);
    }

    /// <summary>
    /// 23.10 answers a repeat with the position of its last event as a read of the stream finds it (<c>IndexWriter.CheckCommit</c>
    /// reads it back with <c>ReadEvent</c>, -1 when that fails, which <c>Streams.Append.cs</c> / <c>BatchAppendResp</c> send as
    /// <c>no_position</c>): none once the stream's metadata truncates it ($tb, $maxCount) or deletes the stream.
    /// </summary>
    private AppendOutcome Positioned(string stream, List<StoredEvent> existing, AppendOutcome repeat) =>
        repeat is AppendOutcome.Written written &&
        written.CurrentRevision < StreamMetadata.FirstReadable(stream, existing, _streams.GetValueOrDefault(StreamMetadata.MetastreamPrefix + stream))
            ? written with { HasPosition = false }
            : repeat;

    private static bool Satisfies(long expected, long current) => expected switch
    {
        Any => true,
        NoStream => current < 0,
        StreamExists => current >= 0,
        _ => current == expected,
    };

    private List<StoredEvent> Write(string stream, string? systemType, IReadOnlyList<ProposedEvent> events)
    {
        if (systemType is not null)
            events = [new ProposedEvent(Guid.NewGuid(),
                new Dictionary<string, string> { ["type"] = systemType, ["content-type"] = "application/json" },
                ByteString.Empty, ByteString.CopyFromUtf8($$"""{"at":"{{DateTime.UtcNow:O}}"}"""))];
        if (!_streams.TryGetValue(stream, out var list)) _streams[stream] = list = [];
        var commit = _offset;
        var created = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var written = new List<StoredEvent>(events.Count);
        var shared = new List<Dictionary<string, string>>();
        foreach (var e in events)
        {
            if (_positions == DoublePositions.SelfCommitted) commit = _offset;
            var metadata = SharedMetadata(shared, e.Metadata, created);
            var stored = new StoredEvent(e.Id, stream, list.Count, commit, _offset, metadata, e.CustomMetadata, e.Data);
            list.Add(stored);
            _all.Add(stored);
            written.Add(stored);
            // A record's size on disk: a header, the names and the payload.
            _offset += (ulong)(97 + Encoding.UTF8.GetByteCount(stream) + stored.Type.Length + e.Data.Length + e.CustomMetadata.Length);
        }
        return written;
    }

    /// <summary>
    /// The stored metadata of an event: one read-only map for every event of the append with the same metadata (an
    /// append's events share <c>created</c> and mostly a few types). The double runs in the client's process in tests and
    /// benchmarks, and a map per event kept for the log's life was most of what its collector copied (ADR 0031).
    /// </summary>
    private static Dictionary<string, string> SharedMetadata(List<Dictionary<string, string>> shared, IReadOnlyDictionary<string, string> proposed,
        string created)
    {
        foreach (var known in shared)
            if (known.Count == proposed.Count + 1 && Holds(known, proposed)) return known;
        var metadata = new Dictionary<string, string>(proposed) { ["created"] = created };
        if (shared.Count < 8) shared.Add(metadata);
        return metadata;
    }

    private static bool Holds(Dictionary<string, string> known, IReadOnlyDictionary<string, string> proposed)
    {
        foreach (var (key, value) in proposed)
            if (key == "created" || !known.TryGetValue(key, out var stored) || stored != value) return false;
        return true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

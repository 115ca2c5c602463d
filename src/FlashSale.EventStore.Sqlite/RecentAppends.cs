namespace FlashSale.EventStore.Sqlite;

/// <summary>
/// The last events this store instance committed, in log order, for its own live subscriptions: every follower in the
/// process (projections, order index, payments) would otherwise read back from the file, one query and one copy of
/// every payload each, what was appended a moment ago. Only an exact continuation is served: the event right after the
/// caller's position must be here, and a run stops at the first gap (another process's append); otherwise the
/// subscription reads the file as before.
/// </summary>
/// <remarks>An event is held until every subscription that was reading when it was added has passed it (from here or
/// from the file), or until the ring is full: the followers are a few hundred events behind, and a ring held full was
/// ~40% of what every young-generation GC of a sale copied (ADR 0041). Holding less never changes what a subscription
/// reads, only where from.</remarks>
internal sealed class RecentAppends(int capacity)
{
    private readonly RecordedEvent?[] _ring = new RecordedEvent?[capacity];
    // For each held event: the readers that joined before it was added and have not passed it yet.
    private readonly int[] _owed = new int[capacity];
    private readonly List<Reader> _readers = [];
    private readonly Lock _lock = new();
    private int _start;
    private int _count;
    private ulong _lastAdded;

    /// <summary>A subscription reading from this store instance; <see cref="Pass"/> what it has read, <see cref="Leave"/>
    /// when it ends.</summary>
    public sealed class Reader
    {
        // The commit this reader has read up to; it owes nothing for the events at or before it.
        internal ulong Passed;
    }

    public int Count
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    public Reader Join()
    {
        lock (_lock)
        {
            var reader = new Reader { Passed = _lastAdded };
            _readers.Add(reader);
            return reader;
        }
    }

    /// <summary>The reader has read every event up to <paramref name="position"/>: it needs none of them from here.</summary>
    public void Pass(Reader reader, LogPosition position)
    {
        lock (_lock)
        {
            if (position.Commit <= reader.Passed) return;
            Release(reader.Passed, position.Commit);
            reader.Passed = position.Commit;
        }
    }

    /// <summary>The reader's subscription ended: it will take nothing more from here.</summary>
    public void Leave(Reader reader)
    {
        lock (_lock)
        {
            if (!_readers.Remove(reader)) return;
            Release(reader.Passed, ulong.MaxValue);
        }
    }

    /// <summary>Called after the commit that made <paramref name="events"/> durable, in commit order.</summary>
    public void Add(IReadOnlyList<RecordedEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                _lastAdded = e.Position.Commit;
                // A reader may have read it from the file already (it was durable before it was added here).
                var owed = 0;
                foreach (var reader in _readers)
                    if (reader.Passed < e.Position.Commit) owed++;
                if (owed == 0) continue; // nobody would take it
                var slot = (_start + _count) % _ring.Length;
                _ring[slot] = e;
                _owed[slot] = owed;
                if (_count < _ring.Length) _count++;
                else _start = (_start + 1) % _ring.Length;
            }
            DropPassed();
        }
    }

    /// <summary>Copies into <paramref name="into"/> the events right after <paramref name="after"/>, up to
    /// <paramref name="max"/>, as long as their positions follow one another.</summary>
    /// <returns>False when the event right after <paramref name="after"/> is not held here although later ones are (or
    /// none is held at all while this instance appended after it): what comes next must be read from the file. True
    /// otherwise, with nothing copied when this instance appended nothing after <paramref name="after"/>.</returns>
    public bool TryContinue(LogPosition after, int max, List<RecordedEvent> into)
    {
        lock (_lock)
        {
            // Nothing held: either nothing was appended after it (wait), or what was is no longer here (read the file).
            if (_count == 0) return after.Commit >= _lastAdded;
            var next = after.Commit + 1;
            var index = FirstAfter(after.Commit);
            if (index == _count) return true;
            for (; index < _count && into.Count < max; index++)
            {
                var e = At(index);
                if (e.Position.Commit != next) return into.Count > 0;
                into.Add(e);
                next++;
            }
            return true;
        }
    }

    // The held events in (passed, upTo] are no longer owed by one reader.
    private void Release(ulong passed, ulong upTo)
    {
        for (var index = FirstAfter(passed); index < _count; index++)
        {
            var slot = (_start + index) % _ring.Length;
            if (_ring[slot]!.Position.Commit > upTo) break;
            _owed[slot]--;
        }
        DropPassed();
    }

    // Every reader has passed the oldest events: they go (always from the front, so the ring stays one run).
    private void DropPassed()
    {
        while (_count > 0 && _owed[_start] <= 0)
        {
            _ring[_start] = null;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }
    }

    private RecordedEvent At(int index) => _ring[(_start + index) % _ring.Length]!;

    /// <summary>The index of the first held event after <paramref name="commit"/> (<c>_count</c> when none is).</summary>
    private int FirstAfter(ulong commit)
    {
        var (low, high) = (0, _count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (At(middle).Position.Commit <= commit) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}

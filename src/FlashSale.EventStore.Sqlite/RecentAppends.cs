namespace FlashSale.EventStore.Sqlite;

/// <summary>
/// The last events this store instance committed, in log order, for its own live subscriptions: every follower in the
/// process (projections, order index, payments) would otherwise read back from the file, one query and one copy of
/// every payload each, what was appended a moment ago. Only an exact continuation is served: the event right after the
/// caller's position must be here, and a run stops at the first gap (another process's append); otherwise the
/// subscription reads the file as before.
/// </summary>
internal sealed class RecentAppends(int capacity)
{
    private readonly RecordedEvent[] _ring = new RecordedEvent[capacity];
    private readonly Lock _lock = new();
    private int _start;
    private int _count;

    /// <summary>Called after the commit that made <paramref name="events"/> durable, in commit order.</summary>
    public void Add(IReadOnlyList<RecordedEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                _ring[(_start + _count) % _ring.Length] = e;
                if (_count < _ring.Length) _count++;
                else _start = (_start + 1) % _ring.Length;
            }
        }
    }

    /// <summary>Copies into <paramref name="into"/> the events right after <paramref name="after"/>, up to
    /// <paramref name="max"/>, as long as their positions follow one another.</summary>
    /// <returns>False when the event right after <paramref name="after"/> is not held here although later ones are (or
    /// none is held at all): what comes next must be read from the file. True otherwise, with nothing copied when this
    /// instance appended nothing after <paramref name="after"/>.</returns>
    public bool TryContinue(LogPosition after, int max, List<RecordedEvent> into)
    {
        lock (_lock)
        {
            if (_count == 0) return false;
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

    private RecordedEvent At(int index) => _ring[(_start + index) % _ring.Length];

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

using System.Collections.Concurrent;

namespace FlashSale.Api.Limits;

/// <summary>
/// One fixed window per user: the first counted order starts it, <c>permitLimit</c> orders fit in it, and it ends
/// <c>window</c> later. Windows that have ended are swept once per window, by the request that finds the sweep due, so
/// no timer walks every user (the partitioned limiter's 100 ms heartbeat over every partition did).
/// </summary>
internal sealed class UserOrderWindows(int permitLimit, TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, UserWindow> _windows = new(StringComparer.Ordinal);
    private readonly long _windowTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
    private long _nextSweep = time.GetTimestamp() + (long)(window.TotalSeconds * time.TimestampFrequency);

    /// <returns>Null when the order fits in the user's window; otherwise how long until the window ends.</returns>
    public TimeSpan? TryCount(string user)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        while (true)
        {
            var current = _windows.GetOrAdd(user, static (_, start) => new UserWindow(start), now);
            AfterLookup?.Invoke();
            lock (current)
            {
                // A window swept away after it was looked up is no longer the user's: counting in it would be lost.
                if (current.Removed) continue;
                if (now - current.Start >= _windowTicks) (current.Start, current.Count) = (now, 0);
                if (current.Count < permitLimit)
                {
                    current.Count++;
                    return null;
                }
                return time.GetElapsedTime(now, current.Start + _windowTicks);
            }
        }
    }

    /// <summary>Runs between a count's lookup of the user's window and its lock on it, where another request's sweep can
    /// remove that window: the seam that lets a test put the sweep there.</summary>
    internal Action? AfterLookup { get; init; }

    /// <summary>Users with a window, ended or not (what the sweep has not removed yet).</summary>
    public int Count => _windows.Count;

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _windowTicks, due) != due) return;
        foreach (var (user, candidate) in _windows)
        {
            lock (candidate)
            {
                if (now - candidate.Start < _windowTicks) continue;
                candidate.Removed = true;
            }
            _windows.TryRemove(new KeyValuePair<string, UserWindow>(user, candidate));
        }
    }

    private sealed class UserWindow(long start)
    {
        public long Start = start;
        public int Count;
        public bool Removed;
    }
}

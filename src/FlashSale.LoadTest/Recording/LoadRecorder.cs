using System.Diagnostics;
using FlashSale.LoadTest.Http;

namespace FlashSale.LoadTest.Recording;

/// <summary>Counts and latencies of every answer, overall and per second of the run. One lock: a few microseconds
/// per answer is noise next to an HTTP round trip.</summary>
public sealed class LoadRecorder
{
    private readonly Lock _gate = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Dictionary<string, Latencies> _byOutcome = [];
    private readonly Dictionary<string, long> _byStatus = [];
    private readonly Dictionary<string, long> _byCode = [];
    private readonly Dictionary<string, long> _rejectedByReason = [];
    private readonly List<SecondBucket> _seconds = [];
    private readonly Latencies _orders = new();
    private long _attempts, _accepted, _errors, _serverErrors, _confirmed;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public long ServerErrors { get { lock (_gate) return _serverErrors; } }

    /// <summary>Records one answer; <paramref name="isOrderAttempt"/> for POST /api/orders (new or repeat), which
    /// is what attempts/s and the per-second charts count.</summary>
    public void Record(string outcome, HttpAnswer answer, bool isOrderAttempt)
    {
        var second = (int)Elapsed.TotalSeconds;
        lock (_gate)
        {
            Of(_byOutcome, outcome).Record(answer.Microseconds);
            Increment(_byStatus, answer.Status == 0 ? "no_answer" : answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (answer.Status >= 400 && answer.Code is { } code) Increment(_byCode, code);
            if (answer.IsServerError) _serverErrors++;
            if (outcome == Outcomes.Error) _errors++;
            if (outcome == Outcomes.Confirm && answer.Status == 200) _confirmed++;
            if (!isOrderAttempt) return;
            _attempts++;
            _orders.Record(answer.Microseconds);
            while (_seconds.Count <= second) _seconds.Add(new SecondBucket(_seconds.Count));
            var bucket = _seconds[second];
            bucket.Attempts++;
            bucket.Latencies.Record(answer.Microseconds);
            if (outcome == Outcomes.Accepted) { _accepted++; bucket.Accepted++; }
            if (outcome == Outcomes.Rejected && answer.Code is { } reason) Increment(_rejectedByReason, reason);
        }
    }

    public LiveProgress Progress()
    {
        var elapsed = Elapsed;
        lock (_gate)
        {
            var lastWhole = (int)elapsed.TotalSeconds - 1;
            var perSecond = lastWhole >= 0 && lastWhole < _seconds.Count ? _seconds[lastWhole].Attempts : _attempts;
            return new LiveProgress(elapsed, _attempts, _accepted, new Dictionary<string, long>(_rejectedByReason), _errors,
                _confirmed, perSecond, _orders.Percentile(99));
        }
    }

    public RecordedRun Finish()
    {
        var elapsed = Elapsed;
        lock (_gate)
        {
            return new RecordedRun(elapsed, _attempts, _accepted, _errors, _confirmed, _serverErrors,
                _byOutcome.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.Summary()),
                Sorted(_byStatus), Sorted(_byCode),
                [.. _seconds.Select(s => new SecondPoint(s.Second, s.Attempts, s.Accepted, s.Latencies.Percentile(50),
                    s.Latencies.Percentile(99), s.Latencies.Percentile(100)))]);
        }
    }

    private static Dictionary<string, long> Sorted(Dictionary<string, long> counts) =>
        counts.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary();

    private static Latencies Of(Dictionary<string, Latencies> map, string key) =>
        map.TryGetValue(key, out var latencies) ? latencies : map[key] = new Latencies();

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private sealed class SecondBucket(int second)
    {
        public int Second { get; } = second;
        public long Attempts { get; set; }
        public long Accepted { get; set; }
        public Latencies Latencies { get; } = new();
    }
}

/// <summary>Order attempts and latencies (microseconds) of one second of the run.</summary>
public sealed record SecondPoint(int Second, long Attempts, long Accepted, long P50, long P99, long Max);

/// <summary>Everything the recorder saw, once the crowd has gone.</summary>
public sealed record RecordedRun(
    TimeSpan Elapsed, long Attempts, long Accepted, long Errors, long Confirmed, long ServerErrors,
    IReadOnlyDictionary<string, LatencySummary> Latency, IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByCode, IReadOnlyList<SecondPoint> Timeline);

namespace FlashSale.LoadTest.Recording;

/// <summary>The run so far, for a live display: <see cref="RequestsPerSecond"/> is the last whole second's.</summary>
public sealed record LiveProgress(
    TimeSpan Elapsed, long Attempts, long Accepted, IReadOnlyDictionary<string, long> RejectedByReason, long Errors,
    long Confirmed, long RequestsPerSecond, long P99Micros);

using FlashSale.Contracts;
using FlashSale.EventStore;
using Microsoft.Extensions.Logging;

namespace FlashSale.Subscriptions.Following;

public sealed record FollowerOptions
{
    public StreamFilter Filter { get; init; } = ItemStreams.Filter;

    /// <summary>The most events handed to the handler at once.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Events read ahead of the handler; by default four batches.</summary>
    public int? BufferSize { get; init; }

    /// <summary>Event types to decode; the others arrive without an event. Null decodes every type.</summary>
    public IReadOnlySet<string>? DecodeOnly { get; init; }

    /// <summary>Wait after the first failure in a row before resubscribing; doubled per further failure up to
    /// <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Failures that are news rather than faults (another writer moved the checkpoint): resubscribe at once.</summary>
    public Func<Exception, bool>? ResubscribeAtOnce { get; init; }

    /// <summary>A failure before the first catch-up ends the run with that failure instead of retrying, for state a
    /// process must hold before it serves.</summary>
    public bool FailUntilCaughtUp { get; init; }

    /// <summary>How long the log stays quiet before the follower asks the store whether anything is left up to the
    /// head it is catching up to (the head may be an event the filter skips).</summary>
    public TimeSpan QuietProbe { get; init; } = TimeSpan.FromMilliseconds(100);

    public LogLevel FailureLogLevel { get; init; } = LogLevel.Warning;

    internal int Buffer => BufferSize ?? BatchSize * 4;
}

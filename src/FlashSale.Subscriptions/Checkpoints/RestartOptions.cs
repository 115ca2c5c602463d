namespace FlashSale.Subscriptions.Checkpoints;

/// <summary>How a process starts on a log it has seen before (README "Restart"; ADR 0019).</summary>
public sealed class RestartOptions
{
    public const string Section = "Restart";

    /// <summary>Start the order index and the pending reservations from their persisted projections (and read only the log
    /// after their checkpoint). False reads the whole log at every start, as releases before did.</summary>
    public bool FromCheckpoints { get; set; } = true;

    /// <summary>How long a command that needs the order index waits for it to catch up before it answers 503
    /// <c>order_index.catching_up</c> with Retry-After.</summary>
    public double IndexWaitSeconds { get; set; } = 2;
}

using FlashSale.EventStore;

namespace FlashSale.Application.DeadLetters;

public static class DeadLetterOutcomes
{
    public const string Retried = "retried";
    public const string RetryFailed = "retry_failed";
    public const string Discarded = "discarded";
}

/// <summary>What an operator's decision on a dead letter recorded.</summary>
/// <param name="Outcome">A <see cref="DeadLetterOutcomes"/> value.</param>
/// <param name="Reason">Why the retry could not reserve (a rejection reason) for retry_failed; the reason the operator gave
/// for discarded (the first discard's, on a repeat; null when none was given); null for retried.</param>
/// <param name="ReservedUntil">The new payment deadline; set only when the retry reserved the stock again.</param>
/// <param name="Retry">The retry this decision made (retried / retry_failed), or how many retries the order had (discarded).</param>
/// <param name="Position">The consistency token: where the decision's last event is in the log (for a repeat, the first
/// decision's).</param>
/// <param name="Repeated">True when the call repeated a decision already recorded (the order was already discarded, or is
/// still reserved by the retry asked again) and nothing was appended: the receipt is the first decision's.</param>
public sealed record DeadLetterReceipt(
    string OrderId,
    string ItemId,
    string Outcome,
    string? Reason,
    DateTimeOffset? ReservedUntil,
    int Retry,
    LogPosition Position,
    bool Repeated = false);

namespace FlashSale.Projections.DeadLetters;

/// <summary>
/// An order that failed and needs an operator. <see cref="Reason"/> is the latest failure: the payment timeout cause
/// (<c>gateway_timeout</c>, <c>deadline_passed</c>) or why a retry could not reserve again (<c>sold_out</c>,
/// <c>per_user_limit</c>). <see cref="Attempts"/> counts failures; <see cref="Retries"/> operator retries.
/// <see cref="Refunds"/> counts payments that arrived for the order after its reservation was released (or twice), each a
/// refund to make; <see cref="RefundReference"/> is the latest one's payment reference.
/// </summary>
public sealed record DeadLetterRow(
    string OrderId,
    string ItemId,
    string State,
    string Reason,
    int Attempts,
    int Retries,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt,
    DateTimeOffset? LastRetriedAt,
    DateTimeOffset? DiscardedAt,
    string? DiscardReason,
    string? LastActor,
    string LastPosition,
    int Refunds = 0,
    string? RefundReference = null);

public static class DeadLetterStates
{
    public const string Open = "open";
    public const string Retried = "retried";
    public const string Discarded = "discarded";

    /// <summary>Money arrived that pays for nothing (a late or a second payment): an operator refunds it.</summary>
    public const string RefundRequired = "refund_required";

    public static readonly IReadOnlyList<string> All = [Open, Retried, Discarded, RefundRequired];
}
